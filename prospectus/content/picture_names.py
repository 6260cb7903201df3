"""The built-in easy read pictures: their names (used in content) and their alt text.

The drawings themselves are SVG files in ``templates/static/pictures/`` so that a college
can restyle them; the names are part of the content format and live here, with the
validator, together with each picture's alt text (the one place it is written).
"""

from __future__ import annotations

BUILT_IN: dict[str, str] = {
    "course": "Books and a graduation cap (a course)",
    "calendar": "A calendar",
    "clock": "A clock",
    "place": "A map pin (a place)",
    "online": "A video call on a laptop (online)",
    "people": "A group of people",
    "talk": "Two people talking",
    "listen": "An ear listening",
    "help": "A hand reaching out to help",
    "phone": "A mobile phone",
    "free": "A price tag showing £0 (free)",
    "book": "An open book",
    "wheelchair": "Wheelchair access sign",
    "hearing-loop": "Hearing loop sign",
    "worry": "A worried face",
    "sleep": "A person asleep in bed",
    "food": "A plate of food",
    "money": "A bank note and coins",
    "walk": "A person walking",
    "calm": "A person sitting calmly",
    "family": "A family",
    "question": "A question mark",
    "safe": "A shield with a tick (safe)",
    "tutor": "A tutor beside a board",
    "write": "A hand writing on paper",
    "art": "A paint palette and a brush",
    "hope": "A small plant and a rising sun",
    "learn": "A person reading, with a light bulb",
    "email": "An envelope (email)",
    "enrol": "A form with a tick and a pen",
    "accessible-toilet": "An accessible toilet",
    "quiet-room": "A door with a sign saying be quiet (quiet room)",
    "parking": "A car (parking)",
    "map": "A map",
    "computer": "A computer",
    "certificate": "A certificate",
    "star": "A star",
    "heart": "A heart",
    "coffee": "A cup of tea or coffee",
    "music": "Music notes",
    "nature": "A tree",
    "tick": "A tick",
    "cross": "A cross",
    "warning": "A warning sign",
    "information": "An information sign",
    "home": "A house",
    "bus": "A bus",
}
