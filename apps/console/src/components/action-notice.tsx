/** The outcome of the last action on a screen, read out politely; a failure as an alert. */
export type ActionMessage = { ok: boolean; text: string };

export function ActionNotice({ message }: { message: ActionMessage | null }) {
  return (
    <div aria-live="polite">
      {message && (
        <p
          class={`notice ${message.ok ? 'notice-ok' : 'notice-error'}`}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
