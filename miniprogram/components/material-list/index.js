// The materials list (申请材料) of a guide or a bundle. Shared-source materials that the citizen
// need not hand in carry a 免提交 badge and the dataset they are fetched from.
const { materialForm } = require('../../utils/format');

function toItem(material) {
  const source = material.source === 'shared'
    ? [material.dataset_label, material.licence_type].filter(Boolean).join('·')
    : '';
  return {
    name: material.name,
    exempt: Boolean(material.exempt),
    required: material.required !== false,
    form: materialForm(material.form, material.copies),
    source: source ? `由${source}共享获取` : '',
    note: material.note || '',
  };
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    materials: { type: Array, value: [] },
  },
  data: { items: [] },
  observers: {
    materials(materials) {
      this.setData({ items: (materials || []).map(toItem) });
    },
  },
});
