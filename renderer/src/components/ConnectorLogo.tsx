/** Small colour glyph per connector family (no remote images: the CSP allows none). */
const LOGOS: Record<string, { color: string; letter: string }> = {
  crm: { color: '#f97316', letter: 'C' },
  billing: { color: '#6366f1', letter: 'B' },
  shop: { color: '#16a34a', letter: 'S' },
  wms: { color: '#0891b2', letter: 'W' },
  rates: { color: '#ca8a04', letter: '€' },
  generic: { color: '#64748b', letter: 'R' },
};

export function ConnectorLogo(props: { logo: string; size?: number }) {
  const { color, letter } = LOGOS[props.logo] ?? LOGOS.generic!;
  const size = props.size ?? 32;
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="connector-logo">
      <rect width="32" height="32" rx="8" fill={color} />
      <text
        x="16"
        y="21.5"
        textAnchor="middle"
        fontSize="16"
        fontWeight="700"
        fill="#fff"
        fontFamily="system-ui, sans-serif"
      >
        {letter}
      </text>
    </svg>
  );
}
