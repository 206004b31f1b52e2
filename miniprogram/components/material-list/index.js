// The materials list (申请材料) of a guide, a bundle or an application. Shared-source materials that the
// citizen need not hand in carry a 免提交 badge and the dataset they are fetched from.
//
// With `uploadable`, every material the citizen hands in gets an upload button that fires
// `upload` with {name}; the page uploads and passes the result back in `uploaded`
// ({materialName: {id, name}}) and the material being uploaded in `uploading`.
const { materialForm } = require('../../utils/format');

function toItem(material, { uploadable, uploaded, uploading }) {
  const source = material.source === 'shared'
    ? [material.dataset_label, material.licence_type].filter(Boolean).join('·')
    : '';
  const exempt = Boolean(material.exempt);
  const file = (uploaded || {})[material.name];
  return {
    name: material.name,
    exempt,
    required: material.required !== false,
    form: materialForm(material.form, material.copies),
    source: source ? `由${source}共享获取` : '',
    note: material.note || '',
    canUpload: Boolean(uploadable) && !exempt,
    uploadedName: file ? file.name : '',
    uploading: uploading === material.name,
  };
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    materials: { type: Array, value: [] },
    uploadable: { type: Boolean, value: false },
    uploaded: { type: Object, value: {} },
    uploading: { type: String, value: '' },
  },
  data: { items: [] },
  observers: {
    'materials, uploadable, uploaded, uploading': function update(materials, uploadable, uploaded, uploading) {
      this.setData({ items: (materials || []).map((m) => toItem(m, { uploadable, uploaded, uploading })) });
    },
  },
  methods: {
    onUpload(event) {
      this.triggerEvent('upload', { name: event.currentTarget.dataset.name });
    },
  },
});
