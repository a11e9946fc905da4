"""Classification of article text into the signal taxonomy (../shared/SIGNALS.md)."""

from streams.classifier.engine import THRESHOLD, Classifier, Detection

__all__ = ["Classifier", "Detection", "THRESHOLD"]
