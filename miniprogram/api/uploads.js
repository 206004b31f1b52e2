// Uploads of application materials: choose a photo or a chat file, then POST /api/v1/uploads.
const { upload, ApiError, toastError } = require('./client');

const MAX_BYTES = 10 * 1024 * 1024;
const EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png'];
const SOURCES = ['拍照或从相册选择', '从微信聊天记录选择文件'];

// Resolves null when the person cancels: a cancel is not an error.
function cancellable(call) {
  return new Promise((resolve) => {
    call({ success: resolve, fail: () => resolve(null) });
  });
}

// → {path, name, size} of the chosen file, or null.
async function chooseFile() {
  const sheet = await cancellable((cb) => wx.showActionSheet({ itemList: SOURCES, ...cb }));
  if (!sheet) return null;
  if (sheet.tapIndex === 0) {
    const res = await cancellable((cb) => wx.chooseMedia({
      count: 1, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'], ...cb,
    }));
    const file = res && res.tempFiles && res.tempFiles[0];
    if (!file) return null;
    const path = file.tempFilePath;
    return { path, name: path.split('/').pop(), size: file.size };
  }
  const res = await cancellable((cb) => wx.chooseMessageFile({ count: 1, type: 'file', extension: EXTENSIONS, ...cb }));
  const file = res && res.tempFiles && res.tempFiles[0];
  return file ? { path: file.path, name: file.name, size: file.size } : null;
}

// POST /api/v1/uploads (multipart field "file") → {id, name, content_type, size, sha256}.
function uploadFile(filePath, { silent = false } = {}) {
  return upload({ path: '/api/v1/uploads', filePath, name: 'file', silent });
}

// Choose and upload one file → {id, name (as chosen), size, ...} or null when cancelled.
// Too large a file is refused here (toast) before it is sent; upload errors reject after their toast.
async function pickAndUpload() {
  const file = await chooseFile();
  if (!file) return null;
  if (file.size > MAX_BYTES) {
    const err = new ApiError({ status: 0, code: 'file_too_large', message: '文件不能超过 10MB' });
    toastError(err);
    throw err;
  }
  const uploaded = await uploadFile(file.path);
  return { ...uploaded, name: file.name || uploaded.name };
}

module.exports = { chooseFile, uploadFile, pickAndUpload, MAX_BYTES };
