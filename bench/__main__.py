"""`make bench`: run every benchmark and print its figures."""

from bench import classify, pipeline, stories

if __name__ == "__main__":
    classify.main()
    stories.main()
    pipeline.main()
