import type { Preprocessing } from '../../../electron/ipc/contract';
import type { InputSizeChoice, ModelInput } from '../lib/model-input';

/**
 * Page -> preprocessing worker: make the model input of an image file. The worker decodes the file
 * itself: a Blob is passed by reference, while posting an ImageBitmap copies every pixel on the UI thread
 * (about 200 ms for 12 megapixels).
 */
export type PreprocessRequest = {
  id: number;
  /** identifies the image across requests, so its pixels are read from the bitmap once */
  imageKey: string;
  file: Blob;
  /** for messages: the file's name or path */
  name: string;
  preprocessing: Preprocessing;
  choice: InputSizeChoice;
};

/** Worker -> page: the input, its buffers transferred; or why it could not be made. */
export type PreprocessReply =
  { id: number; ok: true; input: ModelInput } | { id: number; ok: false; error: string };
