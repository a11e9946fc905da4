"""Classification of article text into the signal taxonomy (../shared/SIGNALS.md)."""

from tocsin.streams.classifier.engine import THRESHOLD, Classifier, Detection

__all__ = ["Classifier", "Detection", "THRESHOLD"]
