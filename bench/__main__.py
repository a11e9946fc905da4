"""`make bench`: run every benchmark and print its figures."""

from bench import article_work, classify, evaluation, identity, language, observability, parse, pipeline, places, poll, rules, stories

if __name__ == "__main__":
    classify.main()
    article_work.main()
    language.main()
    places.main()
    stories.main()
    rules.main()
    evaluation.main([])
    pipeline.main()
    observability.main()
    parse.main()
    identity.main()
    poll.main()
