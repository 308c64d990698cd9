"""setuptools: everything is in pyproject.toml except the package list, which has to name one
package that lives outside src/: the checkout's top-level ``resources/`` (fonts with their licences,
translations, icons, templates) ships inside the package as ``propdesk._resources``, so a wheel,
an editable install and the frozen bundle all find it through ``importlib.resources``
(``propdesk.resources``). ``packages.find`` in pyproject.toml cannot map a folder from outside
``where``; this keeps the folder where the design puts it and the package list automatic."""
from setuptools import find_packages, setup

setup(
    packages=find_packages("src") + ["propdesk._resources"],
    package_dir={"": "src", "propdesk._resources": "resources"},
)
