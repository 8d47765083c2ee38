"""The drawing parts of a treasure creature: one function per trait, and their geometry.

Each ``draw_<trait>`` returns SVG markup for one gene's value, in coordinates
centred on the creature (``PartContext`` carries its size and colours);
``convilyn.forge.svg`` assembles them into the card.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass

INK = "#2d2433"
WIDTH, HEIGHT = 256, 300
CENTER_X, CENTER_Y = 128, 158
GROUND_Y = 212  # creatures of every size stand on the same line

# (frame colour, card background, stars) per rarity; legendary's frame is a gold gradient.
RARITY_STYLE = {
    "common": ("#b9b3c9", "#f7f5fb", 1),
    "uncommon": ("#4fb576", "#eef9f1", 2),
    "rare": ("#3f8fd6", "#eaf3fc", 3),
    "epic": ("#9656d6", "#f5ecfd", 4),
    "legendary": ("#e0a526", "#fff7dc", 5),
}
# Body shapes: right half as cubic segments in units of (W, H), mirrored for the left,
# plus (top, shoulder): how far above the centre the head is at x=0 and x=W/2, in H.
_K = 0.5523
SHAPES: dict[str, tuple[tuple[float, float], list, tuple[float, float]]] = {
    "round": ((0, -1), [((_K, -1), (1, -_K), (1, 0)), ((1, _K), (_K, 1), (0, 1))], (1, 0.87)),
    "egg": ((0, -1), [((0.6, -1), (1, -0.35), (1, 0.22)), ((1, 0.75), (0.58, 1), (0, 1))], (1, 0.85)),
    "pear": ((0, -1), [((0.45, -1), (0.55, -0.6), (0.75, -0.15)),
                       ((0.95, 0.25), (1.05, 1), (0, 1))], (1, 0.75)),
    "bean": ((0, -0.84), [((0.15, -0.88), (0.35, -1), (0.6, -0.97)),
                          ((0.95, -0.92), (1, -0.45), (1, 0.05)),
                          ((1, 0.75), (0.55, 1), (0, 1))], (0.86, 0.97)),
    "loaf": ((0, -1), [((0.35, -1), (0.62, -1), (0.85, -0.93)), ((1, -0.86), (1, -0.65), (1, -0.3)),
                       ((1, 0.3), (1, 0.9), (0.8, 0.97)), ((0.55, 1.02), (0.3, 1), (0, 1))], (1, 0.97)),
    "ghost": ((0, -1), [((0.55, -1), (1, -0.6), (1, 0)), ((1, 0.4), (1, 0.7), (1, 0.95)),
                        ((0.95, 1.2), (0.55, 1.2), (0.5, 0.95)),
                        ((0.45, 1.2), (0.05, 1.2), (0, 0.95))], (1, 0.85)),
    "drop": ((0, -1.25), [((0.12, -0.95), (1, -0.45), (1, 0.3)),
                          ((1, 0.78), (0.55, 1), (0, 1))], (1.25, 0.66)),
    "blob": ((0, -1), [((0.35, -1.02), (0.6, -0.85), (0.78, -0.7)),
                       ((1.0, -0.5), (0.95, -0.1), (1.02, 0.25)),
                       ((1.08, 0.6), (0.7, 1.02), (0.3, 0.98)),
                       ((0.15, 0.96), (0.08, 1), (0, 1))], (1, 0.83)),
}
SHAPE_STRETCH = {"bean": (1.12, 0.86), "loaf": (1.05, 0.92), "pear": (1.0, 1.04), "drop": (0.95, 1.0)}
# size -> (scale of the whole creature, extra width factor)
SIZES = {"small": (0.8, 1.0), "medium": (0.9, 1.0), "large": (1.0, 1.0), "chonky": (0.92, 1.22)}


def _hex_to_rgb(hex_: str) -> tuple[float, float, float]:
    return tuple(int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def shade(hex_: str, lightness: float) -> str:
    """The same hue at another HLS lightness (0..1)."""
    h, _, s = colorsys.rgb_to_hls(*_hex_to_rgb(hex_))
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lightness)), s)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


def contrasting(color: str, against: str) -> str:
    """``color``, pushed darker or lighter when it would vanish on ``against``."""
    distance = math.dist(_hex_to_rgb(color), _hex_to_rgb(against))
    if distance >= 0.2:
        return color
    la = colorsys.rgb_to_hls(*_hex_to_rgb(against))[1]
    return shade(color, la - 0.22 if la > 0.5 else la + 0.22)


def mirrored(part: str) -> str:
    """A part drawn on the right side, plus its mirror on the left."""
    return f'{part}<g transform="scale(-1 1)">{part}</g>'


def star_path(x: float, y: float, r: float, points: int = 5, inner: float = 0.45) -> str:
    pts = []
    for i in range(points * 2):
        rad = r if i % 2 == 0 else r * inner
        ang = math.pi * i / points - math.pi / 2
        pts.append(f"{x + rad * math.cos(ang):.1f},{y + rad * math.sin(ang):.1f}")
    return "M" + " L".join(pts) + "Z"


def _heart(x: float, y: float, s: float) -> str:
    return (f"M{x},{y + 0.9 * s} C{x - 1.5 * s},{y - 0.1 * s} {x - 0.6 * s},{y - 1.2 * s} {x},{y - 0.4 * s}"
            f" C{x + 0.6 * s},{y - 1.2 * s} {x + 1.5 * s},{y - 0.1 * s} {x},{y + 0.9 * s}Z")


def _sparkle(x: float, y: float, s: float) -> str:
    return f"M{x},{y - s} Q{x},{y} {x + s},{y} Q{x},{y} {x},{y + s} Q{x},{y} {x - s},{y} Q{x},{y} {x},{y - s}Z"


def _tube(d: str, color: str, width: float, outline: str) -> str:
    """A thick outlined stroke: outline underneath, colour on top."""
    return (f'<path d="{d}" fill="none" stroke="{outline}" stroke-width="{width + 5}"/>'
            f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{width}"/>')


@dataclass(frozen=True)
class PartContext:
    """Geometry (creature-local, body centred on 0,0) and colours of one rendering."""

    W: float
    H: float
    top: float  # distance from centre up to the head's top at x=0
    shoulder: float  # ... and at x = W/2
    p: str  # primary: body
    s: str  # secondary: pattern, inner ears, wings, fins (contrast-adjusted)
    a: str  # accent: horns, accessory, aura
    o: str  # outline
    uid: str

    def head_y(self, x: float) -> float:
        """y of the head's outline at horizontal offset x (negative: above centre)."""
        t = min(abs(x) / (0.5 * self.W), 1.4)
        return -self.top + (self.top - self.shoulder) * t * t

    @property
    def eye(self) -> tuple[float, float]:
        return 0.36 * self.W, -0.12 * self.H


def body_path(shape: str, W: float, H: float) -> str:
    start, segs, _ = SHAPES[shape]
    pt = lambda p, sx=1: f"{sx * p[0] * W:.1f},{p[1] * H:.1f}"  # noqa: E731
    d = f"M{pt(start)}" + "".join(f"C{pt(c1)} {pt(c2)} {pt(p)}" for c1, c2, p in segs)
    ends = [start] + [p for _, _, p in segs]
    for i in range(len(segs) - 1, -1, -1):
        c1, c2, _ = segs[i]
        d += f"C{pt(c2, -1)} {pt(c1, -1)} {pt(ends[i], -1)}"
    return d + "Z"


# ---- traits -------------------------------------------------------------------------------

def draw_eyes(value: str, c: PartContext) -> str:
    ex, ey = c.eye
    dot = lambda x, y, r: (f'<circle cx="{x}" cy="{y}" r="{r}" fill="{INK}"/>'  # noqa: E731
                           f'<circle cx="{x + r * 0.35}" cy="{y - r * 0.38}" r="{r * 0.36}" fill="#fff"/>')
    arc = lambda x, y, bend: (f'<path d="M{x - 7},{y} Q{x},{y + bend} {x + 7},{y}" fill="none" '  # noqa: E731
                              f'stroke="{INK}" stroke-width="3.2"/>')
    big = lambda x, y, r: (f'<circle cx="{x}" cy="{y}" r="{r}" fill="#fff" stroke="{INK}" stroke-width="2.5"/>'  # noqa: E731
                           f'<circle cx="{x}" cy="{y + r * 0.15}" r="{r * 0.62}" fill="{c.a}"/>'
                           f'<circle cx="{x}" cy="{y + r * 0.15}" r="{r * 0.34}" fill="{INK}"/>'
                           f'<circle cx="{x + r * 0.3}" cy="{y - r * 0.25}" r="{r * 0.2}" fill="#fff"/>')
    return {
        "round": lambda: mirrored(dot(ex, ey, 7.5)),
        "sparkly": lambda: mirrored(dot(ex, ey, 9.5) + f'<circle cx="{ex - 3.5}" cy="{ey + 4}" r="1.8" fill="#fff"/>'
                                 f'<path d="M{ex - 9},{ey + 3} A9.5,9.5 0 0 0 {ex + 9},{ey + 3}" fill="none" '
                                 f'stroke="{c.a}" stroke-width="2.2"/>'),
        "sleepy": lambda: mirrored(arc(ex, ey, 7) + f'<path d="M{ex + 6},{ey - 2} l5,-3" stroke="{INK}" stroke-width="2"/>'),
        "happy": lambda: mirrored(arc(ex, ey + 3, -9)),
        "wink": lambda: dot(-ex, ey, 7.5) + arc(ex, ey + 3, -9),
        "star": lambda: mirrored(f'<path d="{star_path(ex, ey, 10)}" fill="{c.a}" stroke="{INK}" stroke-width="2.2"/>'),
        "heart": lambda: mirrored(f'<path d="{_heart(ex, ey, 8)}" fill="{c.a}" stroke="{INK}" stroke-width="2.2"/>'),
        "cyclops": lambda: big(0, ey - 2, 15),
        "triple": lambda: mirrored(dot(ex + 2, ey + 2, 6)) + dot(0, ey - 0.2 * c.H, 6),
        "tall": lambda: mirrored(f'<ellipse cx="{ex}" cy="{ey}" rx="5.5" ry="10" fill="{INK}"/>'
                              f'<ellipse cx="{ex + 1.6}" cy="{ey - 4}" rx="2" ry="3.2" fill="#fff"/>'),
        "determined": lambda: mirrored(dot(ex, ey + 2, 7) + f'<path d="M{ex - 9},{ey - 12} L{ex + 8},{ey - 7}" '
                                    f'stroke="{INK}" stroke-width="3.5"/>'),
        "dot": lambda: mirrored(f'<circle cx="{ex * 1.1}" cy="{ey}" r="4" fill="{INK}"/>'),
    }[value]()


def draw_mouth(value: str, c: PartContext) -> str:
    y, w = 0.16 * c.H, 8.0
    line = f'fill="none" stroke="{INK}" stroke-width="3"'
    dark = f'fill="#5b2333" stroke="{INK}" stroke-width="2.5"'
    return {
        "smile": lambda: f'<path d="M{-w},{y} Q0,{y + w} {w},{y}" {line}/>',
        "grin": lambda: f'<path d="M{-w * 1.3},{y - 2} Q0,{y + w * 2} {w * 1.3},{y - 2}Z" {dark}/>'
                        f'<path d="M{-w * 0.8},{y} Q0,{y + 4} {w * 0.8},{y} L{w * 0.7},{y - 2} L{-w * 0.7},{y - 2}Z" fill="#fff"/>',
        "cat": lambda: f'<path d="M{-w},{y} Q{-w / 2},{y + w * 0.9} 0,{y} Q{w / 2},{y + w * 0.9} {w},{y}" {line}/>',
        "fang": lambda: f'<path d="M{w * 0.1},{y + 3} l3,6 l3,-6.5Z" fill="#fff" stroke="{INK}" stroke-width="1.5"/>'
                        f'<path d="M{-w},{y} Q0,{y + w} {w},{y}" {line}/>',
        "tongue": lambda: f'<path d="M{-w},{y} Q0,{y + w * 1.6} {w},{y}Z" {dark}/>'
                          f'<ellipse cx="2" cy="{y + 8}" rx="5" ry="5.5" fill="#ff7d9c" stroke="{INK}" stroke-width="2"/>',
        "surprised": lambda: f'<ellipse cx="0" cy="{y + 3}" rx="5" ry="6.5" {dark}/>',
        "flat": lambda: f'<path d="M{-w * 0.8},{y + 2} L{w * 0.8},{y + 2}" {line}/>',
        "smirk": lambda: f'<path d="M{-w},{y + 3} Q{w * 0.4},{y + 6} {w * 1.1},{y - 3}" {line}/>',
        "beak": lambda: f'<path d="M{-w},{y - 2} L{w},{y - 2} L0,{y + 10}Z" fill="{c.a}" stroke="{INK}" stroke-width="2.5"/>',
        "buckTeeth": lambda: f'<rect x="-5" y="{y + 1}" width="10" height="8" rx="1.5" fill="#fff" stroke="{INK}" '
                             f'stroke-width="2"/><path d="M0,{y + 1}V{y + 9}" stroke="{INK}" stroke-width="1.5"/>'
                             f'<path d="M{-w},{y} Q0,{y + 4} {w},{y}" {line}/>',
    }[value]()


def draw_headgear(value: str, c: PartContext) -> str:
    x = 0.5 * c.W
    y = c.head_y(x) + 6
    hx = 0.32 * c.W
    hy = c.head_y(hx) + 6
    ty = -c.top + 6
    horn = f'fill="{c.a}" stroke="{c.o}" stroke-width="3"'
    return {
        "catEars": lambda: mirrored(f'<g transform="rotate(18 {x} {y})"><path d="M{x - 15},{y} L{x - 2},{y - 34} '
                                 f'L{x + 13},{y}Z" fill="{c.p}"/><path d="M{x - 8},{y - 4} L{x - 2},{y - 24} '
                                 f'L{x + 6},{y - 4}Z" fill="{c.s}" stroke="none"/></g>'),
        "bunnyEars": lambda: mirrored(f'<g transform="rotate(14 {x - 4} {y})"><ellipse cx="{x - 4}" cy="{y - 30}" '
                                   f'rx="10" ry="32" fill="{c.p}"/><ellipse cx="{x - 4}" cy="{y - 28}" rx="4.5" '
                                   f'ry="22" fill="{c.s}" stroke="none"/></g>'),
        "bearEars": lambda: mirrored(f'<circle cx="{x + 4}" cy="{y - 10}" r="14" fill="{c.p}"/>'
                                  f'<circle cx="{x + 4}" cy="{y - 10}" r="7" fill="{c.s}" stroke="none"/>'),
        "droopyEars": lambda: mirrored(f'<ellipse cx="{c.W * 0.92}" cy="{-c.shoulder + 16}" rx="11" ry="26" '
                                    f'transform="rotate(-28 {c.W * 0.92} {-c.shoulder + 16})" fill="{c.s}"/>'),
        "smallHorns": lambda: mirrored(f'<path d="M{hx - 8},{hy + 4} Q{hx - 5},{hy - 16} {hx + 8},{hy - 26} '
                                    f'Q{hx + 5},{hy - 8} {hx + 9},{hy + 4}Z" {horn}/>'),
        "ramHorns": lambda: mirrored(_tube(f"M{x - 4},{y - 2} C{x + 18},{y - 26} {x + 40},{y - 2} {x + 28},{y + 14} "
                                        f"C{x + 20},{y + 22} {x + 10},{y + 12} {x + 18},{y + 6}", c.a, 8, c.o)),
        "unicornHorn": lambda: f'<path d="M-10,{ty} L0,{ty - 42} L10,{ty}Z" {horn}/>'
                               f'<path d="M-7,{ty - 10} L6,{ty - 14} M-4,{ty - 22} L4,{ty - 25}" stroke="{c.o}" '
                               f'stroke-width="2"/>',
        "antlers": lambda: mirrored(_tube(f"M{hx},{hy} L{hx + 6},{hy - 34} M{hx + 3},{hy - 16} L{hx + 18},{hy - 26} "
                                       f"M{hx + 5},{hy - 26} L{hx - 6},{hy - 38}", c.a, 5, c.o)),
        "antennae": lambda: mirrored(f'<path d="M{hx * 0.6},{hy} Q{hx * 0.6},{hy - 30} {hx + 10},{hy - 38}" fill="none" '
                                  f'stroke="{INK}" stroke-width="2.5"/><circle cx="{hx + 10}" cy="{hy - 38}" r="6.5" '
                                  f'fill="{c.a}" stroke="{INK}" stroke-width="2.2"/>'),
        "sprout": lambda: f'<path d="M0,{ty} Q-2,{ty - 16} 2,{ty - 24}" fill="none" stroke="{c.o}" stroke-width="3"/>'
                          f'<path d="M2,{ty - 22} C8,{ty - 40} 28,{ty - 34} 26,{ty - 28} C18,{ty - 20} 8,{ty - 20} 2,{ty - 22}Z" '
                          f'{horn}/><path d="M1,{ty - 18} C-6,{ty - 32} -22,{ty - 28} -20,{ty - 22} C-14,{ty - 16} '
                          f'-6,{ty - 16} 1,{ty - 18}Z" {horn}/>',
        "spikes": lambda: "".join(
            f'<path d="M{sx - 9},{c.head_y(sx) + 8} L{sx},{c.head_y(sx) - 17} L{sx + 9},{c.head_y(sx) + 8}Z" {horn}/>'
            for sx in (-0.44 * c.W, 0, 0.44 * c.W)),
        "tuft": lambda: "".join(f'<path d="M{dx - 6},{ty + 6} Q{dx + 3 * k},{ty - 30} {dx + 16 * k},{ty - 28} '
                                f'Q{dx + 5 * k},{ty - 14} {dx + 8},{ty + 6}Z" fill="{c.s}"/>'
                                for dx, k in ((-10, -1.1), (0, 0.3), (8, 1.2))),
    }[value]()


def draw_pattern(value: str, c: PartContext) -> str:
    W, H, s = c.W, c.H, c.s
    spots = ((-0.62, -0.52, 0.17), (0.6, -0.55, 0.12), (0.78, 0.12, 0.18), (-0.82, 0.22, 0.14),
             (-0.4, 0.74, 0.17), (0.42, 0.76, 0.13), (0.05, -0.9, 0.11))
    ring = ((-0.7, -0.45), (0.68, -0.5), (0.82, 0.3), (-0.8, 0.35), (-0.35, 0.78), (0.38, 0.75))
    return {
        "spots": lambda: "".join(f'<circle cx="{x * W}" cy="{y * H}" r="{r * W}"/>' for x, y, r in spots),
        "stripes": lambda: "".join(f'<path d="M{dx * W},{-H * 1.3} L{dx * W * 0.8},{-H * 0.6}" stroke="{s}" '
                                   f'stroke-width="7"/>' for dx in (-0.22, 0, 0.22))
        + mirrored("".join(f'<path d="M{W * 1.2},{y * H} L{W * 0.66},{y * H + 4}" stroke="{s}" stroke-width="7"/>'
                        for y in (0.05, 0.32, 0.6))),
        "belly": lambda: f'<ellipse cx="0" cy="{0.62 * H}" rx="{0.62 * W}" ry="{0.55 * H}"/>',
        "hearts": lambda: "".join(f'<path d="{_heart(x * W, y * H, 6)}"/>' for x, y in ring),
        "stars": lambda: "".join(f'<path d="{star_path(x * W, y * H, 8)}"/>' for x, y in ring),
        "zigzag": lambda: f'<path d="M{-W * 1.2},{0.55 * H}' + "".join(
            f' L{-W * 1.2 + i * W * 0.2},{0.55 * H + (8 if i % 2 else -8)}' for i in range(1, 13))
        + f'" fill="none" stroke="{s}" stroke-width="8"/>',
        "checker": lambda: "".join(f'<rect x="{-W + i * 12}" y="{0.4 * H + j * 12}" width="12" height="12"/>'
                                   for i in range(int(2 * W / 12) + 2) for j in range(6) if (i + j) % 2 == 0),
        "freckles": lambda: mirrored("".join(f'<circle cx="{x * W}" cy="{y * H}" r="2.4"/>' for x, y in (
            (0.55, 0.04), (0.66, 0.1), (0.58, 0.16), (0.15, -0.7), (0.3, -0.62), (0.72, 0.55), (0.1, 0.75)))),
        "patch": lambda: f'<path d="M{0.1 * W},{-0.4 * H} C{0.45 * W},{-0.6 * H} {0.8 * W},{-0.35 * H} {0.66 * W},'
                         f'{0.02 * H} C{0.55 * W},{0.25 * H} {0.15 * W},{0.12 * H} {0.12 * W},{-0.08 * H} '
                         f'C{0.1 * W},{-0.2 * H} {-0.05 * W},{-0.3 * H} {0.1 * W},{-0.4 * H}Z"/>'
                         f'<ellipse cx="{-0.7 * W}" cy="{0.7 * H}" rx="{0.45 * W}" ry="{0.3 * H}"/>',
        "gradient": lambda: f'<rect x="{-W * 1.3}" y="{-H * 1.4}" width="{W * 2.6}" height="{H * 2.6}" '
                            f'fill="url(#{c.uid}-fade)"/>',
    }[value]()


def draw_limbs(value: str, c: PartContext) -> tuple[str, str]:
    W, H = c.W, c.H
    feet = mirrored(f'<ellipse cx="{0.42 * W}" cy="{H - 1}" rx="13" ry="8" fill="{c.p}"/>')
    arms = mirrored(f'<ellipse cx="{W - 1}" cy="{0.25 * H}" rx="8" ry="13" transform="rotate(-35 {W - 1} '
                 f'{0.25 * H})" fill="{c.p}"/>')
    wing = mirrored(f'<path d="M{0.7 * W},{-0.3 * H} C{W + 10},{-0.75 * H} {W + 38},{-0.55 * H} {W + 34},{-0.2 * H} '
                 f'Q{W + 24},{-0.18 * H} {W + 26},{-0.05 * H} Q{W + 14},{-0.05 * H} {W + 12},{0.1 * H} '
                 f'Q{W},{0.05 * H} {0.75 * W},{0.15 * H}Z" fill="{c.s}"/>')
    tentacles = "".join(_tube(f"M{x * W},{0.6 * H} Q{x * W * 1.2},{H + 4} {x * W + 6 * k},{H + 10} "
                              f"T{x * W - 4 * k},{H + 20}", c.p, 9, c.o)
                        for x, k in ((-0.55, -1), (-0.2, 1), (0.2, -1), (0.55, 1)))
    fins = mirrored(f'<path d="M{0.85 * W},{-0.05 * H} L{W + 22},{0.05 * H} L{W + 14},{0.3 * H} L{0.85 * W},'
                 f'{0.38 * H}Z" fill="{c.s}"/>')
    return {
        "feet": ("", feet), "arms": ("", arms), "armsAndFeet": ("", arms + feet),
        "wings": (wing, ""), "tentacles": (tentacles, ""), "fins": (fins, ""),
    }[value]


def draw_tail(value: str, c: PartContext) -> str:
    x, y = 0.7 * c.W, 0.55 * c.H
    return {
        "curly": lambda: _tube(f"M{x},{y} C{x + 34},{y + 6} {x + 44},{y - 26} {x + 28},{y - 32} "
                               f"C{x + 14},{y - 36} {x + 14},{y - 18} {x + 24},{y - 18}", c.p, 8, c.o),
        "fluffy": lambda: "".join(f'<circle cx="{x + dx}" cy="{y + dy}" r="{r}" fill="{c.s}"/>'
                                  for dx, dy, r in ((18, -2, 13), (30, -14, 11), (30, 4, 10))),
        "lightning": lambda: f'<path d="M{x},{y - 4} L{x + 22},{y - 14} L{x + 16},{y - 24} L{x + 40},{y - 46} '
                             f'L{x + 30},{y - 22} L{x + 36},{y - 18} L{x + 6},{y + 8}Z" fill="{c.a}"/>',
        "fish": lambda: f'<path d="M{x},{y - 4} Q{x + 18},{y - 4} {x + 26},{y - 8} L{x + 42},{y - 26} Q{x + 38},'
                        f'{y - 4} {x + 44},{y + 16} L{x + 26},{y + 4} Q{x + 18},{y + 8} {x},{y + 8}Z" fill="{c.s}"/>',
        "devil": lambda: f'<path d="M{x},{y} C{x + 30},{y + 12} {x + 30},{y - 20} {x + 38},{y - 30}" fill="none" '
                         f'stroke="{c.o}" stroke-width="4"/><path d="M{x + 30},{y - 28} L{x + 44},{y - 42} '
                         f'L{x + 44},{y - 22}Z" fill="{c.a}"/>',
        "leaf": lambda: f'<path d="M{x},{y} Q{x + 20},{y} {x + 26},{y - 12}" fill="none" stroke="{c.o}" '
                        f'stroke-width="3.5"/><path d="M{x + 24},{y - 10} C{x + 20},{y - 34} {x + 44},{y - 44} '
                        f'{x + 50},{y - 40} C{x + 52},{y - 24} {x + 40},{y - 8} {x + 24},{y - 10}Z" fill="{c.a}"/>',
    }[value]()


def draw_accessory(value: str, c: PartContext) -> tuple[str, str]:
    W, H, a, o = c.W, c.H, c.a, c.o
    ex, ey = c.eye
    fill = f'fill="{a}" stroke="{o}" stroke-width="2.5"'
    bx, by = -0.5 * W, c.head_y(0.5 * W) + 8
    back, front = "", ""
    if value == "bow":
        front = (f'<path d="M{bx},{by} L{bx - 16},{by - 10} L{bx - 14},{by + 10}Z M{bx},{by} L{bx + 16},{by - 12} '
                 f'L{bx + 14},{by + 8}Z" {fill}/><circle cx="{bx}" cy="{by}" r="5" {fill}/>')
    elif value == "scarf":
        front = (f'<path d="M{-0.8 * W},{0.34 * H} Q0,{0.52 * H} {0.8 * W},{0.34 * H} L{0.85 * W},{0.5 * H} '
                 f'Q0,{0.7 * H} {-0.85 * W},{0.5 * H}Z" {fill}/><path d="M{0.3 * W},{0.55 * H} L{0.28 * W},'
                 f'{0.95 * H} L{0.5 * W},{0.92 * H} L{0.48 * W},{0.5 * H}Z" {fill}/>')
    elif value == "bowtie":
        y = 0.5 * H
        front = (f'<path d="M0,{y} L-15,{y - 9} L-15,{y + 9}Z M0,{y} L15,{y - 9} L15,{y + 9}Z" {fill}/>'
                 f'<circle cx="0" cy="{y}" r="4.5" {fill}/>')
    elif value == "glasses":
        front = (mirrored(f'<circle cx="{ex}" cy="{ey}" r="12.5" fill="{a}" fill-opacity="0.35" stroke="{INK}" '
                       f'stroke-width="3"/><path d="M{ex + 12},{ey - 2} L{W * 0.95},{ey - 6}" stroke="{INK}" '
                       f'stroke-width="3"/>') + f'<path d="M{-ex + 12},{ey} Q0,{ey - 6} {ex - 12},{ey}" '
                 f'fill="none" stroke="{INK}" stroke-width="3"/>')
    elif value == "monocle":
        front = (f'<circle cx="{ex}" cy="{ey}" r="13" fill="#fff" fill-opacity="0.3" stroke="{a}" stroke-width="4"/>'
                 f'<path d="M{ex + 9},{ey + 9} Q{ex + 14},{0.4 * H} {ex + 2},{0.55 * H}" fill="none" stroke="{a}" '
                 f'stroke-width="2" stroke-dasharray="3 2"/>')
    elif value == "flower":
        front = "".join(f'<circle cx="{bx + 8 * math.cos(k * 1.2566):.1f}" cy="{by + 8 * math.sin(k * 1.2566):.1f}" '
                        f'r="6.5" {fill}/>' for k in range(5)) + f'<circle cx="{bx}" cy="{by}" r="5" fill="#ffd84d" stroke="{o}" stroke-width="2"/>'
    elif value == "necklace":
        front = ("".join(f'<circle cx="{0.55 * W * math.cos(t):.1f}" cy="{0.3 * H + 0.22 * H * math.sin(t):.1f}" r="3" '
                         f'{fill}/>' for t in (0.35, 0.7, 1.05, 2.09, 2.44, 2.79))
                 + f'<path d="{star_path(0, 0.58 * H, 9, 4, 0.5)}" fill="{a}" stroke="{INK}" stroke-width="2"/>')
    elif value == "headphones":
        front = (_tube(f"M{-W},{-0.1 * H} C{-W},{-1.55 * H} {W},{-1.55 * H} {W},{-0.1 * H}", a, 5, INK)
                 + mirrored(f'<rect x="{W - 8}" y="{-0.1 * H - 14}" width="16" height="28" rx="7" fill="{a}" '
                         f'stroke="{INK}" stroke-width="3"/>'))
    elif value == "satchel":
        strap = f"M{-0.98 * W},{0.2 * H} Q{-0.2 * W},{0.42 * H} {0.5 * W},{0.5 * H}"
        front = (_tube(strap, a, 3.5, o) +
                 f'<rect x="{0.35 * W}" y="{0.45 * H}" width="28" height="22" rx="5" {fill}/>'
                 f'<path d="M{0.35 * W},{0.45 * H + 9} H{0.35 * W + 28}" stroke="{o}" stroke-width="2"/>')
    elif value == "balloon":
        bx, by = -W - 16, -H - 6
        front = (f'<path d="M{-W + 2},{0.25 * H} Q{-W - 22},{0.2 * H} {bx},{by + 20}" fill="none" stroke="{INK}" '
                 f'stroke-width="1.5"/><ellipse cx="{bx}" cy="{by}" rx="15" ry="18" {fill}/>'
                 f'<path d="M{bx - 3},{by + 20} L{bx},{by + 17} L{bx + 3},{by + 20}Z" {fill}/>'
                 f'<ellipse cx="{bx - 5}" cy="{by - 7}" rx="3.5" ry="5.5" fill="#fff" fill-opacity="0.7"/>')
    elif value == "cape":
        back = (f'<path d="M{-0.6 * W},{0.2 * H} Q{-W - 10},{0.5 * H} {-W - 22},{H + 6} Q{-W * 0.5},{H - 4} 0,{H + 8} '
                f'Q{W * 0.5},{H - 4} {W + 22},{H + 6} Q{W + 10},{0.5 * H} {0.6 * W},{0.2 * H}Z" {fill}/>')
        front = f'<circle cx="{-0.45 * W}" cy="{0.38 * H}" r="5" {fill}/><circle cx="{0.45 * W}" cy="{0.38 * H}" r="5" {fill}/>'
    elif value == "tinyHat":
        hx = 0.3 * W
        hy = c.head_y(hx) + 4
        front = (f'<g transform="rotate(14 {hx} {hy})"><ellipse cx="{hx}" cy="{hy}" rx="20" ry="5" fill="#3b3245" '
                 f'stroke="{INK}" stroke-width="2"/><rect x="{hx - 12}" y="{hy - 24}" width="24" height="24" rx="2" '
                 f'fill="#3b3245" stroke="{INK}" stroke-width="2"/><rect x="{hx - 12}" y="{hy - 9}" width="24" '
                 f'height="6" fill="{a}"/></g>')
    else:
        raise KeyError(value)
    return back, front


def draw_aura(value: str, c: PartContext) -> tuple[str, str]:
    W, H, a = c.W, c.H, c.a
    around = ((-W - 26, -0.75 * H), (W + 28, -0.6 * H), (-W - 22, 0.55 * H), (W + 32, 0.45 * H),
              (-W - 4, -c.top - 26), (W + 8, -c.top - 20))
    edge = f'stroke="{INK}" stroke-width="1.5"'
    if value == "glow":
        return f'<circle cx="0" cy="0" r="{1.75 * max(W, H)}" fill="url(#{c.uid}-glow)"/>', ""
    if value == "sparkles":
        return "", "".join(f'<path d="{_sparkle(x, y, 9 - i % 3 * 2)}" fill="{a}" {edge}/>' for i, (x, y) in enumerate(around))
    if value == "bubbles":
        return "".join(f'<circle cx="{x}" cy="{y}" r="{9 - i % 3 * 2}" fill="{a}" fill-opacity="0.35" stroke="{a}" '
                       f'stroke-width="2"/><circle cx="{x - 2.5}" cy="{y - 3}" r="2" fill="#fff"/>'
                       for i, (x, y) in enumerate(around)), ""
    if value == "flames":
        return "".join(f'<path d="M{x},{y + 14} C{x - 15},{y + 12} {x - 11},{y - 6} {x - 2},{y - 24} C{x - 1},{y - 10} '
                       f'{x + 5},{y - 10} {x + 8},{y - 15} C{x + 17},{y - 1} {x + 13},{y + 13} {x},{y + 14}Z" '
                       f'fill="{a}" {edge}/><path d="M{x},{y + 12} C{x - 7},{y + 10} {x - 5},{y + 2} {x - 1},{y - 6} '
                       f'C{x + 1},{y} {x + 6},{y + 4} {x},{y + 12}Z" fill="#fff" fill-opacity="0.55"/>'
                       for x, y in ((-W - 14, 0.1 * H), (W + 14, 0.05 * H), (-0.8 * W, -0.75 * H),
                                    (0.8 * W, -0.8 * H), (-W - 4, 0.75 * H), (W + 4, 0.8 * H))), ""
    if value == "hearts":
        return "", "".join(f'<path d="{_heart(x, y, 7 - i % 2 * 2)}" fill="{a}" {edge}/>' for i, (x, y) in enumerate(around))
    if value == "halo":
        y = -c.top - 30
        return "", (f'<ellipse cx="0" cy="{y}" rx="24" ry="7" fill="none" stroke="{INK}" stroke-width="8"/>'
                    f'<ellipse cx="0" cy="{y}" rx="24" ry="7" fill="none" stroke="{a}" stroke-width="4.5"/>')
    if value == "orbit":
        rx, ry = W + 26, 18
        ring = lambda sweep: (f'<path d="M{-rx},0 A{rx},{ry} 0 0 {sweep} {rx},0" fill="none" stroke="{a}" '  # noqa: E731
                              f'stroke-width="4" transform="rotate(-12)"/>')
        return ring(1), ring(0) + f'<circle cx="{-rx * 0.5}" cy="{ry * 0.87 + 10}" r="6" fill="{a}" {edge}/>'
    if value == "notes":
        return "", "".join(f'<ellipse cx="{x}" cy="{y}" rx="5.5" ry="4" transform="rotate(-20 {x} {y})" fill="{a}" '
                           f'{edge}/><path d="M{x + 5},{y - 1} V{y - 20} Q{x + 10},{y - 14} {x + 13},{y - 12}" '
                           f'fill="none" stroke="{INK}" stroke-width="2"/>' for x, y in around[::2] + around[5:])
    raise KeyError(value)
