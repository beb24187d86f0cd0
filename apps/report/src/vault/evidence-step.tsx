import { useEffect, useState } from 'preact/hooks';
import { forgetDraft } from '../flow/draft.ts';
import { StepFrame } from '../flow/step-frame.tsx';
import { stepAfter } from '../flow/steps.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { PinField } from './pin-field.tsx';
import { PinProgress } from './pin-progress.tsx';
import {
  addItem,
  createVaultWithPin,
  deleteEverything,
  type ItemKind,
  isUnlocked,
  listItems,
  lockVault,
  openItem,
  removeItem,
  type StoredItem,
  unlockWithPin,
  vaultExists,
} from './vault-store.ts';

const MIN_PIN = 4;

/** Evidence: the on-device vault. Items are sealed the moment they are added; a PIN shows them again. */
export function EvidenceStep() {
  const { t } = useI18n();
  const nav = useNav();
  const [exists, setExists] = useState<boolean | null>(null);
  const [items, setItems] = useState<StoredItem[]>([]);
  const [unlocked, setUnlocked] = useState(isUnlocked());
  const [busy, setBusy] = useState(false);
  // The PIN's key derivation is running (in a worker): show the bar.
  const [deriving, setDeriving] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const refresh = async () => {
    setExists(await vaultExists());
    setItems(await listItems());
    setUnlocked(isUnlocked());
  };
  useEffect(() => {
    void refresh();
  }, []);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage({ text: t.vaultBusy });
    try {
      await work();
    } finally {
      setBusy(false);
      await refresh();
    }
  };

  const derive = (work: () => Promise<void>) =>
    run(async () => {
      setDeriving(true);
      try {
        await work();
      } finally {
        setDeriving(false);
      }
    });

  const add = (kind: ItemKind, bytes: Uint8Array, mediaType: string, name?: string) =>
    run(async () => {
      await addItem(kind, bytes, mediaType, name);
      setMessage({ text: t.vaultSaved });
    });

  const onFiles = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    await run(async () => {
      for (const file of files) {
        const bytes = new Uint8Array(await file.arrayBuffer());
        await addItem(
          file.type.startsWith('image/') ? 'image' : 'file',
          bytes,
          file.type || 'application/octet-stream',
          file.name,
        );
      }
      setMessage({ text: t.vaultSaved });
    });
  };

  return (
    <StepFrame
      step="evidence"
      title={t.evidenceTitle}
      hint={t.evidenceHint}
      onNext={() => nav.go(stepAfter('evidence'))}
    >
      {/* Seen and heard: locking can take a few seconds on a slow phone. */}
      <p class={busy ? 'note' : 'visually-hidden'} role="status" aria-live="polite">
        {message?.error ? '' : message?.text}
      </p>
      {deriving && <PinProgress label={t.vaultLocking} />}
      {exists === false && (
        <CreateVault
          busy={busy}
          onCreate={(pin) =>
            derive(async () => {
              await createVaultWithPin(pin);
              setMessage({ text: t.vaultSaved });
            })
          }
        />
      )}
      {exists && (
        <>
          {/* The browser's own file button speaks the browser's language, not the child's: our label is the button. */}
          <div class="file-picks">
            <input
              id="add-photo"
              class="file-input"
              type="file"
              accept="image/*"
              multiple
              disabled={busy}
              onChange={(e) => onFiles(e.currentTarget)}
            />
            <label for="add-photo" class="secondary-btn file-label">
              {t.vaultAddPhoto}
            </label>
            <input
              id="take-photo"
              class="file-input"
              type="file"
              accept="image/*"
              capture="environment"
              disabled={busy}
              onChange={(e) => onFiles(e.currentTarget)}
            />
            <label for="take-photo" class="secondary-btn file-label">
              {t.vaultTakePhoto}
            </label>
          </div>
          <TextAdder
            id="paste"
            label={t.vaultPasteLabel}
            button={t.vaultAddText}
            multiline
            busy={busy}
            onAdd={(text) => add('text', new TextEncoder().encode(text), 'text/plain;charset=utf-8')}
          />
          <TextAdder
            id="link"
            label={t.vaultLinkLabel}
            button={t.vaultAddLink}
            busy={busy}
            onAdd={(text) => add('link', new TextEncoder().encode(text.trim()), 'text/uri-list')}
          />
          <h2>{items.length === 0 ? t.vaultEmpty : t.vaultCount(items.length)}</h2>
          {items.length > 0 && !unlocked && (
            <UnlockVault
              busy={busy}
              onUnlock={(pin) =>
                derive(async () => {
                  const ok = await unlockWithPin(pin);
                  setMessage(ok ? null : { text: t.vaultWrongPin, error: true });
                })
              }
            />
          )}
          {message?.error && (
            <p class="error" role="alert">
              {message.text}
            </p>
          )}
          <ItemList items={items} unlocked={unlocked} onRemove={(id) => run(() => removeItem(id))} />
          {unlocked && items.length > 0 && (
            <button
              type="button"
              class="secondary-btn"
              onClick={() => {
                lockVault();
                setUnlocked(false);
              }}
            >
              {t.vaultLock}
            </button>
          )}
        </>
      )}
      {exists && (
        <div class="actions">
          <button
            type="button"
            class="danger-btn"
            onClick={async () => {
              if (!confirm(t.vaultDeleteConfirm)) return;
              await deleteEverything();
              forgetDraft();
              setMessage({ text: t.vaultDeleted });
              nav.home();
            }}
          >
            {t.vaultDeleteAll}
          </button>
        </div>
      )}
    </StepFrame>
  );
}

export function CreateVault({ busy, onCreate }: { busy: boolean; onCreate: (pin: string) => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (pin.length < MIN_PIN) return setError(t.vaultPinShort);
    if (pin !== again) return setError(t.vaultPinMismatch);
    setError(null);
    onCreate(pin);
  };
  return (
    <div class="vault-create">
      <h2>{t.vaultCreateTitle}</h2>
      <p class="hint">{t.vaultCreateHint}</p>
      <PinField
        id="pin-new"
        label={t.vaultPin}
        value={pin}
        onInput={setPin}
        onEnter={submit}
        autocomplete="new-password"
      />
      <PinField
        id="pin-again"
        label={t.vaultPinAgain}
        value={again}
        onInput={setAgain}
        onEnter={submit}
        autocomplete="new-password"
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="secondary-btn" disabled={busy} onClick={submit}>
        {t.vaultCreate}
      </button>
    </div>
  );
}

export function UnlockVault({ busy, onUnlock }: { busy: boolean; onUnlock: (pin: string) => void }) {
  const { t } = useI18n();
  const [pin, setPin] = useState('');
  const submit = () => pin && onUnlock(pin);
  return (
    <div class="vault-unlock">
      <PinField
        id="pin-open"
        label={t.vaultUnlockTitle}
        value={pin}
        onInput={setPin}
        onEnter={submit}
        autocomplete="current-password"
      />
      <button type="button" class="secondary-btn" disabled={busy} onClick={submit}>
        {t.vaultUnlock}
      </button>
    </div>
  );
}

function TextAdder(props: {
  id: string;
  label: string;
  button: string;
  multiline?: boolean;
  busy: boolean;
  onAdd: (text: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const add = async () => {
    if (!text.trim()) return;
    await props.onAdd(text);
    setText('');
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea id={props.id} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      ) : (
        <input
          id={props.id}
          type="url"
          inputMode="url"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
      )}
      <button type="button" class="secondary-btn" disabled={props.busy || !text.trim()} onClick={add}>
        {props.button}
      </button>
    </div>
  );
}

function ItemList(props: { items: StoredItem[]; unlocked: boolean; onRemove: (id: string) => void }) {
  const { t, lang } = useI18n();
  const names: Record<ItemKind, string> = {
    image: t.vaultItemImage,
    text: t.vaultItemText,
    link: t.vaultItemLink,
    file: t.vaultItemFile,
    notice: t.vaultItemNotice,
  };
  // A kept notice shows the day it was copied for the platform (addedAt is clear; the text is sealed).
  const label = (item: StoredItem, i: number) =>
    item.kind === 'notice'
      ? `${names.notice} ${i + 1} · ${new Date(item.addedAt).toLocaleDateString(lang)}`
      : `${names[item.kind]} ${i + 1}`;
  return (
    <ul class="items">
      {props.items.map((item, i) => (
        <li key={item.id}>
          {props.unlocked ? (
            <OpenedItem item={item} label={label(item, i)} />
          ) : (
            <span class="item-text">
              {label(item, i)} · {t.vaultLocked}
            </span>
          )}
          <button type="button" class="link-btn" onClick={() => props.onRemove(item.id)}>
            {t.vaultRemove}
            <span class="visually-hidden"> {label(item, i)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Decrypted only while shown; the object URL is dropped when the item leaves the screen. */
function OpenedItem({ item, label }: { item: StoredItem; label: string }) {
  const [view, setView] = useState<{ url?: string; text?: string } | null>(null);
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    openItem(item)
      .then(({ details, bytes }) => {
        if (!live) return;
        if (item.kind === 'image') {
          url = URL.createObjectURL(
            new Blob([bytes as Uint8Array<ArrayBuffer>], { type: details.mediaType }),
          );
          setView({ url });
        } else {
          setView({ text: new TextDecoder().decode(bytes).slice(0, 200) });
        }
      })
      .catch(() => setView({ text: '' }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [item.id]);
  if (!view) return <span class="item-text">{label}</span>;
  return (
    <>
      {view.url && <img class="thumb" src={view.url} alt={label} width={64} height={64} />}
      <span class="item-text">
        {item.kind === 'notice' && view.text ? `${label}: ` : ''}
        {view.text ?? label}
      </span>
    </>
  );
}
