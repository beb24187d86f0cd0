import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/index.ts';
import { Title } from '../shell.tsx';
import { useDraft } from './draft.ts';
import { type Step, stepsFor } from './steps.ts';

/**
 * One question per screen. A form, so Enter moves on from any field, and the step number is said
 * before the question.
 */
export function StepFrame(props: {
  step: Step;
  title: string;
  hint?: string;
  canNext?: boolean;
  nextLabel?: string;
  onNext: () => void;
  children?: ComponentChildren;
  extraActions?: ComponentChildren;
}) {
  const { t } = useI18n();
  // An adult about themselves skips the age step, so their count is one shorter.
  const steps = stepsFor(useDraft()?.role);
  const n = steps.indexOf(props.step) + 1;
  return (
    <form
      class="screen step"
      onSubmit={(e) => {
        e.preventDefault();
        if (props.canNext !== false) props.onNext();
      }}
    >
      <p class="step-count">{t.stepOf(n, steps.length)}</p>
      <Title>{props.title}</Title>
      {props.hint && <p class="hint">{props.hint}</p>}
      {props.children}
      <div class="actions">
        <button type="submit" class="primary-btn" disabled={props.canNext === false}>
          {props.nextLabel ?? t.next}
        </button>
        {props.extraActions}
      </div>
    </form>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
  icon?: ComponentChildren;
}

/** A radio group with large rows; the legend is the question, so screen readers announce it. */
export function Options(props: {
  name: string;
  legend: string;
  options: Option[];
  value: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <fieldset class="options">
      <legend class="visually-hidden">{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} class="option">
          <input
            type="radio"
            name={props.name}
            value={o.value}
            checked={props.value === o.value}
            onChange={() => props.onChange(o.value)}
          />
          {o.icon}
          <span class="option-text">
            <span>{o.label}</span>
            {o.hint && <span class="option-hint">{o.hint}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
