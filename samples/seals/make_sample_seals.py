"""Makes the sample seal images the joint sample and the tests press: a red ring and star with
"样章" and "SAMPLE" across them and no agency's name, so they cannot pass for a real seal.

    python samples/seals/make_sample_seals.py   # writes sample-seal-1.png, -2.png and sample-seal-1.svg here

The tool never draws a seal; these stand in for the PNG or SVG an office supplies.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 496  # pixels: 42 mm at 300 dpi
RED = (230, 0, 18, 255)
CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for name in CJK_FONTS:
        if Path(name).is_file():
            return ImageFont.truetype(name, size)
    raise SystemExit("a CJK font is needed to write 样章 (install fonts-noto-cjk)")


def sample_seal(number: int) -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    centre = SIZE / 2
    draw.ellipse((12, 12, SIZE - 12, SIZE - 12), outline=RED, width=18)
    radius, inner = 70, 28
    points = [
        (centre + (radius if k % 2 == 0 else inner) * math.sin(k * math.pi / 5),
         centre - 40 - (radius if k % 2 == 0 else inner) * math.cos(k * math.pi / 5))
        for k in range(10)
    ]
    draw.polygon(points, fill=RED)
    draw.text((centre, centre + 80), "样章", font=_font(96), fill=RED, anchor="mm")
    draw.text((centre, centre + 170), f"SAMPLE {number}", font=_font(44), fill=RED, anchor="mm")
    draw.line((60, centre + 20, SIZE - 60, centre + 20), fill=RED, width=6)
    return image


def sample_seal_svg(number: int) -> str:
    """The same seal as SVG, as a vector seal an office exports: 42 mm, its text as text."""
    centre, red = SIZE / 2, "#e60012"
    radius, inner = 70, 28
    points = " ".join(
        f"{centre + (radius if k % 2 == 0 else inner) * math.sin(k * math.pi / 5):.2f},"
        f"{centre - 40 - (radius if k % 2 == 0 else inner) * math.cos(k * math.pi / 5):.2f}"
        for k in range(10)
    )
    font = 'font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" font-weight="bold" text-anchor="middle"'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="42mm" height="42mm" viewBox="0 0 {SIZE} {SIZE}">\n'
        f'  <circle cx="{centre}" cy="{centre}" r="{centre - 21}" fill="none" stroke="{red}" stroke-width="18"/>\n'
        f'  <polygon points="{points}" fill="{red}"/>\n'
        f'  <line x1="60" y1="{centre + 20}" x2="{SIZE - 60}" y2="{centre + 20}" stroke="{red}" stroke-width="6"/>\n'
        f'  <text x="{centre}" y="{centre + 113}" font-size="96" fill="{red}" {font}>样章</text>\n'
        f'  <text x="{centre}" y="{centre + 185}" font-size="44" fill="{red}" {font}>SAMPLE {number}</text>\n'
        "</svg>\n"
    )


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for number in (1, 2):
        sample_seal(number).save(here / f"sample-seal-{number}.png", optimize=True)
    (here / "sample-seal-1.svg").write_text(sample_seal_svg(1), encoding="utf-8")
