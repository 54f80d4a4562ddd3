import { useState } from 'react';
import type { FieldType } from '../../../../shared/models/field-schema';
import { testTransform } from '../../../../shared/transforms';
import { showValue } from './format';

/** "Test this transform": type a value, see what this one step makes of it (or why it refuses). */
export function TransformTester(props: { step: Record<string, unknown>; type?: FieldType; idPrefix: string }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<string>();
  const [failed, setFailed] = useState(false);
  const run = async () => {
    const out = await testTransform(props.step, text, props.type ? { type: props.type } : {});
    setFailed(!out.ok);
    setResult(out.ok ? showValue(out.value, 200) : out.error.message);
  };
  return (
    <div className="transform-tester">
      <label htmlFor={`${props.idPrefix}-test`}>Test on a typed value</label>
      <input
        id={`${props.idPrefix}-test`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void run();
          }
        }}
        placeholder="type a value, press Enter"
        data-testid="tester-input"
      />
      <button type="button" onClick={() => void run()} data-testid="tester-run">
        Test
      </button>
      {result !== undefined ? (
        <output className={failed ? 'error-text' : 'ok-text'} data-testid="tester-output" aria-live="polite">
          {failed ? '✗ ' : '→ '}
          {result}
        </output>
      ) : null}
    </div>
  );
}
