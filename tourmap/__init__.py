"""tourmap: turn a news story about a journey into a map people can explore."""

from tourmap.errors import TourmapError
from tourmap.model import Border, Place, Quote, Source, Stop, Tour

__all__ = ["Border", "Place", "Quote", "Source", "Stop", "Tour", "TourmapError"]
__version__ = "0.1.0"
