"""`make bench`: run every benchmark and print its figures."""

from bench import classify, pipeline

if __name__ == "__main__":
    classify.main()
    pipeline.main()
