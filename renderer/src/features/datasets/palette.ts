import { useEffect, useState } from 'react';

const SERIES = ['--ds-series-1', '--ds-series-2', '--ds-series-3', '--ds-series-4', '--ds-series-5', '--ds-series-6'] as const;
const BASE = ['--chart-grid', '--muted', '--text', '--panel', '--border', '--ok', '--warn', '--danger'] as const;

export interface DatasetColors {
  series: string[];
  base: Record<(typeof BASE)[number], string>;
}

function read(): DatasetColors {
  const style = getComputedStyle(document.documentElement);
  const get = (n: string) => style.getPropertyValue(n).trim() || '#888';
  return { series: SERIES.map(get), base: Object.fromEntries(BASE.map((n) => [n, get(n)])) as DatasetColors['base'] };
}

/** Chart colours from the theme's CSS variables (recharts needs colour strings), re-read on theme change. */
export function useDatasetColors(): DatasetColors {
  const [colors, setColors] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return colors;
}
