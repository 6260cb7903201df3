"""The built-in easy read pictures: their names (used in content) and their alt text.

The drawings themselves are SVG files in ``templates/static/pictures/`` so that a college
can restyle them; the names are part of the content format and live here, with the
validator.
"""

from __future__ import annotations

BUILT_IN: dict[str, str] = {
    "course": "A group learning together",
    "calendar": "A calendar",
    "clock": "A clock",
    "place": "A map pin",
    "online": "A laptop with a video call",
    "people": "A group of people",
    "talk": "Two people talking",
    "listen": "Someone listening",
    "help": "A hand helping another hand",
    "phone": "A phone",
    "free": "A purse with nothing to pay",
    "book": "An open book",
    "wheelchair": "The wheelchair access sign",
    "hearing-loop": "The hearing loop sign",
    "worry": "A worried face",
    "sleep": "A person asleep in bed",
    "food": "A plate of food",
    "money": "Coins and a bank note",
    "walk": "A person walking",
    "calm": "A person sitting calmly",
    "family": "A family",
    "question": "A question mark",
    "safe": "A shield with a tick",
    "tutor": "A tutor by a board",
    "write": "A hand writing",
    "art": "A paint palette and brush",
    "hope": "A sunrise",
    "learn": "A person reading with a light bulb",
    "email": "An envelope",
    "enrol": "A form with a tick",
    "accessible-toilet": "An accessible toilet sign",
    "quiet-room": "A quiet room",
    "parking": "A car",
    "map": "A map",
    "computer": "A computer",
    "certificate": "A certificate",
    "star": "A star",
    "heart": "A heart",
    "coffee": "A cup of coffee",
    "music": "Music notes",
    "nature": "A tree",
    "tick": "A tick",
    "cross": "A cross",
    "warning": "A warning sign",
    "information": "An information sign",
    "home": "A house",
    "bus": "A bus",
}
