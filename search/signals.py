from haystack.signals import BaseSignalProcessor as QueuedSignalProcessor  # noqa: F401
