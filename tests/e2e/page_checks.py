"""What the browser check asks of every page besides axe's violations, as scripts run in the
page: things a person sees at once and axe lets through.

- axe leaves text it is unsure of "to review" (`incomplete`) instead of failing it: a link
  styled as a button whose text had the background's colour came back as "Element has a 1:1
  contrast ratio with the background" and passed a check that counted violations only. A
  measured ratio under the threshold fails; 0 means axe could not measure (text over an
  image) and is left to the screenshots.
- No visible link or button has text in its own background colour.
- Every link and button keeps readable text while it has the keyboard focus (white text on
  the yellow focus background once passed everything else).
- A link, button or amount in a table is on the screen: on a phone the page must not hide
  the action of a row in a column that only scrolling a box reveals.
- With the text spacing of WCAG 1.4.12 on a 320 px screen nothing scrolls sideways.
"""

# Colours as the browser computes them, the colour behind an element (its own background or
# the first painted one around it, blended where half transparent) and the WCAG contrast ratio.
_COLOURS = """
  const rgba = (text) => { const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number); return [r, g, b, a]; };
  const behind = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    let [r, g, b] = [255, 255, 255];
    for (const [lr, lg, lb, la] of layers.reverse())
      [r, g, b] = [lr * la + r * (1 - la), lg * la + g * (1 - la), lb * la + b * (1 - la)];
    return [r, g, b];
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const shown = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility === "visible";
  };
  const name = (element) => `<${element.localName}> "${element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60)}"`;
  const large = (style) =>
    parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
"""

CONTROL_COLOURS = f"""(withFocus) => {{
  {_COLOURS}
  const problems = [];
  const controls = [...document.querySelectorAll("a[href], button, summary")]
    .filter((e) => shown(e) && e.textContent.trim());
  for (const control of controls) {{
    const text = rgba(getComputedStyle(control).color);
    const back = behind(control);
    if (text[3] === 0 || text.slice(0, 3).every((c, i) => Math.round(c) === Math.round(back[i])))
      problems.push(`${{name(control)}} has text in its background colour ${{getComputedStyle(control).color}}`);
  }}
  // The focus state: the browser's own focus, one control after the other, then back as it was.
  // Once per page is enough (its colours do not change with the width), and it costs a style
  // recalculation per control.
  if (!withFocus) return problems;
  const [x, y, before] = [window.scrollX, window.scrollY, document.activeElement];
  for (const control of controls) {{
    control.focus({{preventScroll: true}});
    if (document.activeElement !== control) continue;
    const style = getComputedStyle(control);
    const contrast = ratio(rgba(style.color), behind(control));
    const needed = large(style) ? 3 : 4.5;
    if (contrast < needed)
      problems.push(`${{name(control)}} with focus: ${{style.color}} on ${{behind(control).map(Math.round)}}`
                    + ` is ${{contrast.toFixed(2)}}:1, under ${{needed}}:1`);
  }}
  // Back to where the keyboard was: the next Tab of a test starts there, not after our last stop.
  if (before && before !== document.body) before.focus({{preventScroll: true}});
  else {{
    document.body.tabIndex = -1;
    document.body.focus({{preventScroll: true}});
    document.body.removeAttribute("tabindex");
  }}
  window.scrollTo(x, y);
  return problems;
}}"""

# The contrast of an element's text with what is behind it, for a story to measure one control.
TEXT_CONTRAST = f"""(element) => {{
  {_COLOURS}
  return ratio(rgba(getComputedStyle(element).color), behind(element));
}}"""

# Links, buttons and amounts (a numeric cell, or a cell with a euro sign) inside a table.
TABLE_REACH = """() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll("table td, table th")]
    .filter((c) => c.classList.contains("utrecht-table__cell--numeric") || c.textContent.includes("€"));
  for (const element of [...document.querySelectorAll("table a[href], table button"), ...cells]) {
    const box = element.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;  // not shown (the month grid on a phone), or visually hidden
    if (box.left < -0.5 || box.right > width + 0.5)
      problems.push(`<${element.localName}> "${element.textContent.trim().replace(/\\s+/g, " ").slice(0, 60)}"`
                    + ` at ${Math.round(box.left)}–${Math.round(box.right)} px`);
  }
  return problems;
}"""

# WCAG 1.4.12's values, as the text spacing bookmarklet sets them; a constructed style sheet
# as the Content-Security-Policy allows no <style> element.
TEXT_SPACING_ON = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                         word-spacing: 0.16em !important; }
                     p { margin-bottom: 2em !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  window.__textSpacing = sheet;
}"""
TEXT_SPACING_OFF = """() => {
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== window.__textSpacing);
}"""
SIDEWAYS = "[document.documentElement.scrollWidth, window.innerWidth]"
NARROW = {"width": 320, "height": 640}


def contrast_to_review(results) -> list[str]:
    """axe's colour-contrast results left to review whose measured ratio is under the WCAG
    threshold (a ratio of 0 means axe could not measure it)."""
    problems = []
    for rule in results.response["incomplete"]:
        if rule["id"] != "color-contrast":
            continue
        for node in rule["nodes"]:
            for check in node["any"]:
                data = check.get("data") or {}
                measured = data.get("contrastRatio") or 0
                needed = float(str(data.get("expectedContrastRatio", "4.5:1")).split(":")[0])
                if 0 < measured < needed:
                    problems.append(f"{node['target']}: {check['message']}")
    return problems
