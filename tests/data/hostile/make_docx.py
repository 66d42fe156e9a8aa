"""Writes the hostile DOCX files beside this script (run it to regenerate them): minimal
packages with one malformed value each, and two zip bombs."""
import io
import zipfile
from pathlib import Path
out = Path(__file__).parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/octet-stream"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'''
DOC_RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'''

def para(text, num=None, ilvl="0", ind=""):
    numpr = f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>' if num else ""
    return f'<w:p><w:pPr>{numpr}{ind}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'

BODY = ["青山县司法局2024年法治政府建设年度报告", "2024年，我局依法履职。"]
HEADINGS = ["主要举措和成效", "存在的不足和原因", "党政主要负责人履行推进法治建设第一责任人职责情况", "下一年度主要安排"]

def document(paras):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(paras)}</w:body></w:document>'

def numbering(fmt="chineseCounting", start="1", link=None, abstracts=""):
    lvl = f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl>'
    body = f'<w:numStyleLink w:val="{link}"/>' if link else lvl
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>'
            f'<w:abstractNum w:abstractNumId="0">{body}</w:abstractNum>{abstracts}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            f'<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>')

STYLES_EMPTY = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}></w:styles>'

def write(name, doc, num=None, styles=STYLES_EMPTY, extra=()):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", doc)
        z.writestr("word/numbering.xml", num or numbering())
        z.writestr("word/styles.xml", styles)
        for part, data in extra:
            z.writestr(part, data)
    (out / name).write_bytes(buf.getvalue())

def report(ilvl="0", ind=""):
    paras = [para(BODY[0]), para(BODY[1])]
    for h in HEADINGS:
        paras += [para(h, num="1", ilvl=ilvl), para("正文内容。", ind=ind)]
    return document(paras)

write("numbering-start-huge-roman.docx", report(), numbering("lowerRoman", "100000000000"))
write("numbering-start-huge-letter.docx", report(), numbering("upperLetter", "1000000000000"))
write("numbering-start-not-a-number.docx", report(), numbering("decimal", "one"))
write("numbering-level-zero-as-word.docx", report(ilvl="zero"))
write("indent-chars-not-a-number.docx", report(ind='<w:ind w:leftChars="two"/>'))
cycle_styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>'
    '<w:style w:type="numbering" w:styleId="ListA"><w:name w:val="ListA"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="numbering" w:styleId="ListB"><w:name w:val="ListB"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '</w:styles>')
write("numbering-style-link-cycle.docx", report(),
      numbering(link="ListA", abstracts='<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListB"/></w:abstractNum>'),
      styles=cycle_styles)
# 65 MB of one byte: 65 KB compressed, over the 64 MB limit per part.
write("zip-bomb-part.docx", report(), extra=[("word/media/filler.bin", b"\0" * (65 * 1024 * 1024))])
# Five parts of 60 MB: each under the part limit, 300 MB in all.
write("zip-bomb-package.docx", report(), extra=[(f"word/media/filler{i}.bin", b"\0" * (60 * 1024 * 1024)) for i in range(5)])
write("numbering-start-largest-roman.docx", report(), numbering("upperRoman", "32767"))
