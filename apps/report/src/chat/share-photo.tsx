import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { CreateVault, UnlockVault } from '../vault/evidence-step.tsx';
import { PinProgress } from '../vault/pin-progress.tsx';
import {
  addItem,
  createVaultWithPin,
  isUnlocked,
  listItems,
  openItem,
  type StoredItem,
  unlockWithPin,
  vaultExists,
} from '../vault/vault-store.ts';

/**
 * Picking a photo from the vault inside the chat. With no vault yet the child picks a PIN first; a new
 * photo goes into the vault (sealed, its hash taken now) before it is shared, so what the helpline gets
 * is always something the vault holds. Photos open only while this panel shows them.
 */
export function SharePhoto(props: { onShare: (item: StoredItem) => Promise<void>; onClose: () => void }) {
  const { t } = useI18n();
  const [exists, setExists] = useState<boolean | null>(null);
  const [items, setItems] = useState<StoredItem[]>([]);
  const [unlocked, setUnlocked] = useState(isUnlocked());
  const [busy, setBusy] = useState(false);
  const [deriving, setDeriving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = async () => {
    setExists(await vaultExists());
    setItems((await listItems()).filter((i) => i.kind === 'image'));
    setUnlocked(isUnlocked());
  };
  useEffect(() => {
    void refresh();
  }, []);

  const run = async (work: () => Promise<void>, slow = false) => {
    setBusy(true);
    setDeriving(slow);
    setError(null);
    try {
      await work();
    } finally {
      setBusy(false);
      setDeriving(false);
      await refresh();
    }
  };

  const onFiles = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    void run(async () => {
      for (const file of files) {
        await addItem(
          'image',
          new Uint8Array(await file.arrayBuffer()),
          file.type || 'image/jpeg',
          file.name,
        );
      }
    });
  };

  return (
    <section class="chat-share" aria-labelledby="chat-share-title">
      <h2 id="chat-share-title">{t.chatShareTitle}</h2>
      <p class="hint">{t.chatShareHint}</p>
      {deriving && <PinProgress label={t.vaultLocking} />}
      {exists === false && (
        <CreateVault busy={busy} onCreate={(pin) => void run(() => createVaultWithPin(pin), true)} />
      )}
      {exists && items.length > 0 && !unlocked && (
        <UnlockVault
          busy={busy}
          onUnlock={(pin) =>
            void run(async () => {
              if (!(await unlockWithPin(pin))) setError(t.vaultWrongPin);
            }, true)
          }
        />
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {exists && (
        <div class="file-picks">
          <input
            id="chat-add-photo"
            class="file-input"
            type="file"
            accept="image/*"
            disabled={busy}
            onChange={(e) => onFiles(e.currentTarget)}
          />
          <label for="chat-add-photo" class="secondary-btn file-label">
            {t.vaultAddPhoto}
          </label>
        </div>
      )}
      {unlocked && items.length > 0 && (
        <ul class="items chat-share-items">
          {items.map((item, i) => (
            <PhotoChoice
              key={item.id}
              item={item}
              label={t.chatSharePhoto(i + 1)}
              busy={busy}
              onPick={() =>
                void run(async () => {
                  await props.onShare(item);
                  props.onClose();
                })
              }
            />
          ))}
        </ul>
      )}
      <button type="button" class="link-btn" onClick={props.onClose}>
        {t.chatShareCancel}
      </button>
    </section>
  );
}

/** One photo of the vault with its button; opened only while shown. */
function PhotoChoice(props: { item: StoredItem; label: string; busy: boolean; onPick: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | undefined;
    let live = true;
    openItem(props.item)
      .then(({ details, bytes }) => {
        if (!live) return;
        made = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: details.mediaType }));
        setUrl(made);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [props.item.id]);
  return (
    <li>
      {url && <img class="thumb" src={url} alt="" width={64} height={64} />}
      <button type="button" class="secondary-btn" disabled={props.busy} onClick={props.onPick}>
        {props.label}
      </button>
    </li>
  );
}
