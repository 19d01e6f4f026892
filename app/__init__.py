"""Registry Desk: a desktop application for the Amazon SageMaker Model Registry."""

__version__ = "0.1.0"
