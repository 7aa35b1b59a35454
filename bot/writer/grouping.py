"""How a theme's activities of one sub-topic become items: a few facts each.

Activities are compared without their quotation marks (贯彻“第一议题”制度
says what 落实第一议题制度 says).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .answers import Activity

# One item joins at most this many activities, and this many characters of them;
# more of one sub-topic go on in a further item with the next lead.
GROUP_MAX = 3
GROUP_CHARS = 200


def unquoted(text: str) -> str:
    """`text` without quotation marks: 贯彻“第一议题”制度 repeats 落实第一议题制度."""
    return re.sub(r"[“”‘’\"']", "", text)


def portions(
    group: list[tuple[int, Activity, str]],
) -> list[list[tuple[int, Activity, str]]]:
    """A sub-topic's activities in items a writer would write: a few facts each."""
    portions: list[list[tuple[int, Activity, str]]] = [[]]
    for entry in group:
        current = portions[-1]
        size = sum(len(text) for _, _, text in current) + len(entry[2])
        if current and (len(current) == GROUP_MAX or size > GROUP_CHARS):
            portions.append([entry])
        else:
            current.append(entry)
    return portions
