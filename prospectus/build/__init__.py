"""The build: options, the context stages share, the stage registry, the pipeline and publishing.

``pipeline.build()`` reads and checks the content, assembles the model and runs the stages of
``stages.STAGES`` in order into a staging folder, which ``publish`` swaps in only when every
stage succeeded.  The live preview walks the same registry.
"""
