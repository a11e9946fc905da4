"""The rule types, one module each: the type's fields (its part of the rule file schema) and its behaviour.

A module defines one subclass of tocsin.streams.rules.model.Rule; tocsin.streams.rules.registry
registers it, and the loader, the engine and the evaluator take it from there.
"""
