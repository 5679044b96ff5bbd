import { useState } from 'react';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      // Clipboard can be denied (browser mode without focus); select-to-copy still works.
    }
  };
  return (
    <button type="button" className="btn btn-small btn-ghost" aria-label={done ? "Copied" : label} onClick={() => void copy()}>
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}
