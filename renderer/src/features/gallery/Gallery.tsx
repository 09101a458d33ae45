import type { GalleryImage } from './gallery-model';

type Props = { images: GalleryImage[]; selectedId: number | null; onSelect: (id: number) => void };

/** Thumbnails of everything dropped; arrow keys move the selection. */
export function Gallery({ images, selectedId, onSelect }: Props) {
  const move = (delta: number) => {
    const idx = images.findIndex((i) => i.id === selectedId);
    const next = images[Math.max(0, Math.min(images.length - 1, idx + delta))];
    if (next) onSelect(next.id);
  };
  return (
    <ul
      className="gallery"
      aria-label="Images"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(1);
        if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(-1);
      }}
    >
      {images.map((img) => (
        <li key={img.id}>
          <button
            className={img.id === selectedId ? 'thumb selected' : 'thumb'}
            onClick={() => onSelect(img.id)}
            title={img.name}
          >
            <img src={img.url} alt={img.name} />
          </button>
        </li>
      ))}
    </ul>
  );
}
