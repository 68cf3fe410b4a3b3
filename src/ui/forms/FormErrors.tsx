import { useT } from '../hooks/use-t.ts';
import type { FieldError } from './field-checks.ts';
import './forms.css';

/** A field's message, under the field; linked from the input by `id` (aria-describedby). */
export function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  const t = useT();
  if (!error) return null;
  return <span id={id} className="form-error" role="alert" data-testid="form-error">{t(error.key, error.params)}</span>;
}

/** Why the lab refused an edit: the validator's located errors. */
export function LabErrors({ errors }: { errors: readonly string[] }) {
  const t = useT();
  if (errors.length === 0) return null;
  return (
    <div className="form-lab-errors" role="alert" data-testid="form-lab-errors">
      <strong>{t('form.err.invalidLab')}</strong>
      <ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>
    </div>
  );
}
