// 跟踪办 (?token=… or ?scene=… from a 小程序码): the public progress of a case, no login needed.
const applications = require('../../api/applications');
const { dueFlag, localTime } = require('../../utils/format');
const refresh = require('../../behaviors/refresh');

const INVALID = '查询码无效或已失效';

function decode(value) {
  try {
    return decodeURIComponent(value);
  } catch (err) {
    return value;
  }
}

function present(view) {
  return {
    no: view.acceptance_no,
    name: view.service_name,
    applicant: view.applicant || '',
    status: view.status,
    statusLabel: view.status_label,
    department: view.lead_department || '',
    due: view.due_date || '',
    flag: dueFlag(view.flag),
    steps: (view.steps || []).map((s, i) => ({
      id: i,
      name: s.name,
      department: s.department || '',
      status: s.status,
      statusLabel: s.status_label,
      decided: localTime(s.decided_at),
    })),
    timeline: (view.timeline || []).slice().reverse().map((e, i) => ({
      id: `${e.at}-${i}`,
      at: e.at_local || localTime(e.at),
      title: e.status_label || e.note || '',
      note: e.status_label ? (e.note || '') : '',
      department: e.department || '',
    })),
  };
}

Component({
  behaviors: [refresh],
  data: {
    view: null,
    invalid: '',
  },
  methods: {
    onLoad(query) {
      // A 小程序码 carries the token URL-encoded in `scene`.
      this.token = decode(query.token || query.scene || '').trim();
      return this.load();
    },

    async load() {
      if (!this.token) {
        this.setData({ view: null, invalid: INVALID });
        return false;
      }
      try {
        const view = await applications.track(this.token, { silent: true });
        this.setData({ view: present(view), invalid: '' });
        return true;
      } catch (err) {
        if (err.status === 404) this.setData({ view: null, invalid: INVALID });
        else wx.showToast({ title: err.message, icon: 'none' });
        return false;
      }
    },
  },
});
