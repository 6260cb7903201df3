"""The prospectus as frozen objects: checked content assembled, with every reference resolved.

``objects`` holds the dataclasses every renderer reads; ``checks`` checks what spans files
(ids, dates in terms, co-delivery, links and pictures) before anything is assembled;
``assemble`` turns checked content into a :class:`~prospectus.model.objects.Prospectus`;
``urls`` says every public address once; ``clock`` says what day the build is true on.
"""
