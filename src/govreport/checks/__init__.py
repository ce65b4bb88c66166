"""Stage 2b — consistency checks a schema cannot express: figures that must agree.

They run after the models validated, collect every problem at once, and name
each by its field path. Errors stop ``render``; warnings are only reported.
One module per kind; ``project`` holds what the funds-and-indicators kinds share.
"""
