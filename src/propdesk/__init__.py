"""PropDesk: the front desk of a property-management office (物业服务中心)."""

__version__ = "0.1.0"
