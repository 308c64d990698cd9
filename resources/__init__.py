"""PropDesk's shipped files. This folder is installed as the package ``propdesk._resources``
(setup.py maps it), so ``importlib.resources.files("propdesk._resources")`` finds fonts,
translations, icons and templates in a wheel, an editable install and the frozen bundle alike.
Use ``propdesk.resources.resource_path(...)`` rather than a path of your own."""
