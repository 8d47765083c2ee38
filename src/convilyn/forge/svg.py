"""SVG rendering of a Forge treasure creature from its gene vector.

Every trait draws something: each trait's group carries the class
``gene-<traitKey>`` (and ``<traitKey>-<value>`` for named values) so tests and
stylesheets can find it. The picture is a pure function of the vector; ids are
prefixed with the gene hash so several creatures can share one HTML page.
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape

from convilyn.forge.genes import GeneVector, gene_hash
from convilyn.forge.svg_parts import (
    CENTER_X,
    CENTER_Y,
    GROUND_Y,
    HEIGHT,
    INK,
    RARITY_STYLE,
    SHAPE_STRETCH,
    SHAPES,
    SIZES,
    WIDTH,
    PartContext,
    body_path,
    contrasting,
    draw_accessory,
    draw_aura,
    draw_eyes,
    draw_headgear,
    draw_limbs,
    draw_mouth,
    draw_pattern,
    draw_tail,
    mirrored,
    shade,
    star_path,
)


def _rarity_card(rarity: str, uid: str) -> tuple[str, str]:
    frame, background, stars = RARITY_STYLE[rarity]
    stroke = f"url(#{uid}-gold)" if rarity == "legendary" else frame
    card = (f'<rect x="5" y="5" width="{WIDTH - 10}" height="{HEIGHT - 10}" rx="22" fill="{background}" '
            f'stroke="{stroke}" stroke-width="{6 + stars}"/>')
    if rarity in ("epic", "legendary"):
        card += "".join(f'<path d="{star_path(x, y, 7, 4, 0.4)}" fill="{frame}"/>'
                        for x in (24, WIDTH - 24) for y in (24, HEIGHT - 24))
    if rarity == "legendary":
        card += "".join(f'<path d="M{CENTER_X},{CENTER_Y} L{CENTER_X + 200 * math.cos(t):.1f},'
                        f'{CENTER_Y + 200 * math.sin(t):.1f} L{CENTER_X + 200 * math.cos(t + 0.2):.1f},'
                        f'{CENTER_Y + 200 * math.sin(t + 0.2):.1f}Z" fill="{frame}" fill-opacity="0.14" clip-path="url(#{uid}-card)"/>'
                        for t in (i * math.pi / 8 for i in range(16)))
    x0 = CENTER_X - (stars - 1) * 11
    badge = "".join(f'<path d="{star_path(x0 + i * 22, HEIGHT - 22, 9)}" fill="{frame}" stroke="{INK}" '
                    f'stroke-width="1.8"/>' for i in range(stars))
    return card, badge


def _g(trait: str, value: str, body: str, extra: str = "", colour: str = "") -> str:
    """A trait's group, classed ``gene-<trait> <trait>-<value>`` (+ ``gene-<colour>``)."""
    cls = f"gene-{trait} {trait}-{value}" + (f" gene-{colour}" if colour else "")
    return f'<g class="{cls}"{extra}>{body}</g>'


def _xml_text(text: str) -> str:
    """Escape for XML character data, dropping characters XML 1.0 forbids."""
    cleaned = re.sub(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", text)
    return escape(cleaned)


def render_svg(vector: GeneVector, *, title: str | None = None) -> str:
    """A standalone SVG 1.1 document picturing ``vector``'s creature, every gene visible.

    Raises ``ValueError`` for a vector outside geneVersion 1's space.
    """
    v = GeneVector.from_json(vector.to_json())  # validates every value before drawing
    scale, widen = SIZES[v.size]
    stretch_w, stretch_h = SHAPE_STRETCH.get(v.body_shape, (1.0, 1.0))
    W, H = 58 * widen * stretch_w, 54 * stretch_h
    top, shoulder = SHAPES[v.body_shape][2]
    uid = "cv" + gene_hash(v)[:10]
    c = PartContext(W=W, H=H, top=top * H, shoulder=shoulder * H, p=v.primary_color,
             s=contrasting(v.secondary_color, v.primary_color), a=v.accent_color,
             o=shade(v.primary_color, 0.3), uid=uid)
    card, badge = _rarity_card(v.rarity, uid)
    aura_back, aura_front = draw_aura(v.aura, c)
    limbs_back, limbs_front = draw_limbs(v.limbs, c)
    acc_back, acc_front = draw_accessory(v.accessory, c)
    body = f"#{uid}-body"
    blush = mirrored(f'<ellipse cx="{0.6 * W}" cy="{0.14 * H}" rx="7" ry="4.5" fill="#ff6f91" fill-opacity="0.35"/>')
    creature = "".join((
        _g("aura", v.aura, aura_back, colour="accentColor"),
        f'<ellipse cx="0" cy="{H + 6}" rx="{W * 0.9}" ry="7" fill="{INK}" fill-opacity="0.1"/>',
        _g("tail", v.tail, draw_tail(v.tail, c), f' fill="{c.p}" stroke="{c.o}" stroke-width="3"'),
        _g("limbs", v.limbs, limbs_back, f' stroke="{c.o}" stroke-width="3"'),
        _g("accessory", v.accessory, acc_back),
        _g("headgear", v.headgear, draw_headgear(v.headgear, c), f' fill="{c.p}" stroke="{c.o}" stroke-width="3"'),
        _g("bodyShape", v.body_shape, f'<use xlink:href="{body}" fill="{c.p}"/>', colour="primaryColor"),
        _g("pattern", v.pattern, draw_pattern(v.pattern, c),
           f' fill="{c.s}" clip-path="url(#{uid}-clip)"', "secondaryColor"),
        f'<use xlink:href="{body}" fill="none" stroke="{c.o}" stroke-width="3.5"/>',
        blush,
        _g("eyes", v.eyes, draw_eyes(v.eyes, c)),
        _g("mouth", v.mouth, draw_mouth(v.mouth, c)),
        _g("limbs", v.limbs, limbs_front, f' stroke="{c.o}" stroke-width="3"'),
        _g("accessory", v.accessory, acc_front),
        _g("aura", v.aura, aura_front, colour="accentColor"),
    ))
    defs = (f'<path id="{uid}-body" d="{body_path(v.body_shape, W, H)}"/>'
            f'<clipPath id="{uid}-card"><rect x="8" y="8" width="{WIDTH - 16}" height="{HEIGHT - 16}" rx="20"/></clipPath>'
            f'<clipPath id="{uid}-clip"><use xlink:href="{body}"/></clipPath>'
            f'<radialGradient id="{uid}-glow"><stop offset="0.35" stop-color="{c.a}" stop-opacity="0.8"/>'
            f'<stop offset="1" stop-color="{c.a}" stop-opacity="0"/></radialGradient>'
            f'<linearGradient id="{uid}-fade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.4" stop-color="{c.s}" '
            f'stop-opacity="0"/><stop offset="0.8" stop-color="{c.s}"/></linearGradient>'
            f'<linearGradient id="{uid}-gold" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff1a8"/>'
            f'<stop offset="0.5" stop-color="#e0a526"/><stop offset="1" stop-color="#fff1a8"/></linearGradient>')
    drawing = (f'<defs>{defs}</defs>{_g("rarity", v.rarity, card)}'
               f'<g class="gene-size size-{v.size}" transform="translate({CENTER_X} {GROUND_Y - H * scale:.1f}) scale({scale})" '
               f'stroke-linejoin="round" stroke-linecap="round">{creature}</g>{_g("rarity", v.rarity, badge)}')
    drawing = re.sub(r"(\d\.\d\d)\d+", r"\1", drawing)  # trim float noise; text is added below
    heading = title if title is not None else f"{v.rarity.title()} {v.body_shape} treasure"
    desc = ", ".join(f"{key}: {value}" for key, value in v.traits().items())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
            f'width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
            f"<title>{_xml_text(heading)}</title><desc>{_xml_text(desc)}</desc>{drawing}</svg>\n")
