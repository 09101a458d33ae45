import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { galleryGeometry, moveInGrid, THUMB_GAP, type GalleryImage } from './gallery-model';
import { galleryMessages } from './messages';
import { SamplePicker } from './SamplePicker';
import './gallery.css';
import { useElementWidth } from '../../app/useElementWidth';

type Props = { images: GalleryImage[]; selectedId: number | null; onSelect: (id: number) => void };

/**
 * Thumbnails of everything dropped, virtualized by rows (a drop of 500 images keeps a few dozen in the
 * DOM); arrow keys, Home and End move the selection and scroll it into view. Empty, it offers the
 * bundled samples.
 */
export function Gallery(props: Props) {
  if (props.images.length === 0) return <SamplePicker />;
  return <ThumbGrid {...props} />;
}

function ThumbGrid({ images, selectedId, onSelect }: Props) {
  const t = useT(galleryMessages);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Before the first layout the sidebar's usual content width stands in (two columns).
  const width = useElementWidth(scrollRef) || 164;
  const { columns, cell, rowHeight, rows } = galleryGeometry(width, images.length);
  // TanStack Virtual returns fresh values each render by design; the compiler lint cannot see that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const selectedIndex = images.findIndex((i) => i.id === selectedId);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const next = moveInGrid(selectedIndex, e.key, columns, images.length);
    if (next === null) return;
    e.preventDefault();
    onSelect(images[next]!.id);
    virtualizer.scrollToIndex(Math.floor(next / columns), { align: 'auto' });
  };

  return (
    <div ref={scrollRef} className="gallery-scroll" data-testid="gallery" data-count={images.length}>
      <ul
        className="gallery"
        aria-label={t('images')}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ height: Math.max(0, virtualizer.getTotalSize() - THUMB_GAP) }}
      >
        {virtualizer.getVirtualItems().flatMap((row) =>
          images.slice(row.index * columns, (row.index + 1) * columns).map((img, col) => (
            <li
              key={img.id}
              style={{
                width: cell,
                height: cell,
                transform: `translate(${col * (cell + THUMB_GAP)}px, ${row.start}px)`,
              }}
            >
              <Thumb image={img} selected={img.id === selectedId} onSelect={onSelect} />
            </li>
          )),
        )}
      </ul>
    </div>
  );
}

type ThumbProps = { image: GalleryImage; selected: boolean; onSelect: (id: number) => void };

/**
 * One thumbnail. Its object URL is asked for in a task of its own after mounting: createObjectURL is a
 * synchronous call into the browser process (0.5 ms to several ms under load), and a batch of new rows
 * asking for theirs in one render made a single long task of them.
 */
function Thumb({ image, selected, onSelect }: ThumbProps) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSrc(image.url), 0);
    return () => clearTimeout(timer);
  }, [image]);
  return (
    <button
      className={selected ? 'thumb selected' : 'thumb'}
      onClick={() => onSelect(image.id)}
      title={image.name}
      aria-pressed={selected}
    >
      {src && <img src={src} alt={image.name} decoding="async" />}
    </button>
  );
}
