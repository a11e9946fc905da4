"""The worker's steps as plain functions: a record and the tables in, the records to send out.

The Faust agents (streams/agents/) wire these to topics and changelogged tables;
`tocsin replay` (streams/replay.py) runs the very same functions over dicts and an
in-process queue, so what replay says the worker would have done is what it does.
"""

from tocsin.streams.steps.ports import MemoryTables, Out, Tables

__all__ = ["MemoryTables", "Out", "Tables"]
