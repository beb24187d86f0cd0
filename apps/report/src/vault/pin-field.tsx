/** A PIN or passphrase field. Enter acts on this field, not on the step's "Next". */
export function PinField(props: {
  id: string;
  label: string;
  value: string;
  autocomplete: string;
  onInput: (value: string) => void;
  onEnter: () => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        autocomplete={props.autocomplete}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            props.onEnter();
          }
        }}
      />
    </div>
  );
}
