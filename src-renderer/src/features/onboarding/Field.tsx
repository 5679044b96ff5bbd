import type { DraftKey } from './customer-form.ts';
import { fieldId, useDraftBinding } from './draft-binding.ts';

/** A labelled text field bound to the surrounding draft; its error is announced and linked. */
export function Field({ name, label, hint, type = 'text', placeholder, required }: { name: DraftKey; label: string; hint?: string; type?: string; placeholder?: string; required?: boolean }) {
  const b = useDraftBinding();
  const value = b.draft[name];
  const error = b.errors[name];
  const id = fieldId(b.idPrefix, name);
  // A required field points at the form's one note saying what "*" means, so its label stays one line.
  const described = [error ? `${id}-err` : '', hint ? `${id}-hint` : '', required ? fieldId(b.idPrefix, 'required-note') : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="muted" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(e) => b.set(name, e.target.value)}
      />
      {hint && (
        <small id={`${id}-hint`} className="help">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}
