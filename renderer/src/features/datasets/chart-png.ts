/**
 * "Export PNG" for a chart: its SVG (recharts draws one) is serialized, drawn on a canvas and saved
 * through a blob: URL. Everything stays local — the CSP allows img-src blob:/data: and nothing
 * remote. Recharts' legend is HTML, not SVG, so the title and legend are painted on the canvas.
 */
export interface LegendItem {
  label: string;
  color: string;
}

const SCALE = 2;
const HEADER = 32;
const LEGEND_ROW = 20;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the chart image could not be drawn'));
    img.src = url;
  });
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function chartToPng(
  figure: HTMLElement,
  opts: { title: string; legend?: LegendItem[]; fileName: string },
): Promise<void> {
  const svg = figure.querySelector<SVGSVGElement>('svg.recharts-surface');
  if (!svg) throw new Error('this chart has nothing to export yet');
  const { width, height } = svg.getBoundingClientRect();
  const style = getComputedStyle(figure);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Off the page the SVG loses the page's font: give it the same one.
  clone.setAttribute('style', `font-family: ${style.fontFamily}; font-size: 12px;`);
  const svgUrl = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml;charset=utf-8' }),
  );
  try {
    const img = await loadImage(svgUrl);
    const legend = opts.legend ?? [];
    const legendHeight = legend.length ? LEGEND_ROW + 8 : 0;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * SCALE);
    canvas.height = Math.ceil((height + HEADER + legendHeight) * SCALE);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas available');
    ctx.scale(SCALE, SCALE);
    ctx.fillStyle =
      style.backgroundColor && style.backgroundColor !== 'rgba(0, 0, 0, 0)' ? style.backgroundColor : '#ffffff';
    ctx.fillRect(0, 0, width, height + HEADER + legendHeight);
    ctx.fillStyle = style.color;
    ctx.font = `600 14px ${style.fontFamily}`;
    ctx.fillText(opts.title, 8, 20);
    ctx.drawImage(img, 0, HEADER, width, height);
    ctx.font = `12px ${style.fontFamily}`;
    let x = 8;
    const y = HEADER + height + 8;
    for (const item of legend) {
      ctx.fillStyle = item.color;
      ctx.fillRect(x, y + 3, 10, 10);
      ctx.fillStyle = style.color;
      ctx.fillText(item.label, x + 14, y + 12);
      x += 24 + ctx.measureText(item.label).width;
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the PNG could not be encoded');
    download(blob, opts.fileName);
  } finally {
    URL.revokeObjectURL(svgUrl);
  }
}
