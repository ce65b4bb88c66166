"""The OOXML package layer: zip packages (DOCX, XLSX) read with limits, XML parsed safely, written reproducibly.

The bottom of govreport, in the spirit of python-docx's ``opc`` and ``oxml``:
every other package may use it, and it uses none of them. It raises only
``PackageFault``, which callers translate into their own errors.

- ``reader``: a package from outside, checked before any part is trusted (size, part count, DTDs, well-formedness)
- ``parser``: the safe XML parser and the markup check of one part
- ``writer``: packages with fixed timestamps, so the same input gives the same bytes
- ``ns``: namespaces and ``qn``
- ``content_types``: what each part is
- ``properties``: core dates and custom properties
- ``fonts``: the font names a document asks for
"""

from .fault import PackageFault
from .parser import check_markup
from .reader import MAX_PARTS, MAX_UNPACKED, read_package, unpacked_size

__all__ = ["MAX_PARTS", "MAX_UNPACKED", "PackageFault", "check_markup", "read_package", "unpacked_size"]
