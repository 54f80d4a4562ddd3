import { useEffect, useState } from 'react';

function readVars<N extends string>(names: readonly N[]): Record<N, string> {
  const style = getComputedStyle(document.documentElement);
  return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n).trim() || '#888'])) as Record<N, string>;
}

/**
 * Colours of the theme's CSS variables as strings (SVG charts take colour strings, not var()),
 * re-read when the theme switches between light and dark. `names` must be a stable (module-level) list.
 */
export function useThemeColors<N extends string>(names: readonly N[]): Record<N, string> {
  const [colors, setColors] = useState(() => readVars(names));
  useEffect(() => {
    const observer = new MutationObserver(() => setColors(readVars(names)));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, [names]);
  return colors;
}
