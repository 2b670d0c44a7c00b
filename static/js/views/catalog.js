// The workshop's own catalogue on the board page: the roles as this workshop has them (the page's
// catalogue with the live changes of state.catalog laid over it), and, on the console, the forms
// that add, rename and hide roles and add organisations. The CSV download and upload are plain
// links and forms (web/console.py); only their messages come from the server.

import { announce, clear, el } from '../common.js';

function entry(role, lang) {
  const en = lang === 'en';
  return {
    id: role.id,
    title: en ? role.title_en : role.title_sv,
    sector: role.sector,
    organisation: en ? role.organisation_en : role.organisation_sv,
    explain: en ? role.explain_en : role.explain_sv,
    age_bands: role.age_bands,
    hidden: Boolean(role.hidden),
  };
}

// id -> role in the page's language, in the catalogue's order, new roles last.
export function effectiveRoles(pageRoles, catalog, lang) {
  const roles = new Map(pageRoles.map((role) => [role.id, role]));
  for (const [id, role] of Object.entries((catalog && catalog.roles) || {})) roles.set(id, entry(role, lang));
  return roles;
}

export function organisations(pageOrganisations, catalog, lang) {
  const found = new Map(pageOrganisations.map((org) => [`${org.sector}|${org.sv}`, org]));
  for (const org of Object.values((catalog && catalog.organisations) || {})) {
    const key = `${org.sector}|${org.name_sv}`;
    if (!found.has(key)) found.set(key, { sector: org.sector, sv: org.name_sv, en: org.name_en, name: lang === 'en' ? org.name_en : org.name_sv });
  }
  return [...found.values()];
}

const $ = (id) => document.getElementById(id);

// The console's editor; `send(name, payload, errorNode)` is the board page's command helper.
// Returns what draws it from the room's state.
export function catalogEditor({ config, t, labels, send, roles }) {
  if (!$('catalog-add-form')) return () => {};
  const view = { config, t, labels, send, roles, sectors: config.board.sectors, orgList: [], key: '' };
  for (const select of [$('catalog-sector'), $('catalog-org-sector')]) {
    for (const id of view.sectors) select.append(el('option', { text: labels.sectors[id], attrs: { value: id } }));
  }
  $('catalog-sector').addEventListener('change', () => fillOrganisations(view, JSON.parse(view.key || '{}')));
  $('catalog-role').addEventListener('change', () => showPicked(view));
  wireRoleForms(view);
  wireOrganisationForm(view);
  return (state) => render(view, state);
}

function fillOrganisations(view, catalog) {
  const { config } = view;
  view.orgList = organisations(config.organisations || [], catalog, config.lang)
    .filter((org) => org.sector === $('catalog-sector').value);
  const select = $('catalog-organisation');
  const chosen = select.value;
  clear(select);
  view.orgList.forEach((org, n) => select.append(el('option', { text: org.name, attrs: { value: String(n) } })));
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

function render(view, state) {
  const { t, labels, sectors, roles } = view;
  const catalog = state.catalog;
  const next = JSON.stringify(catalog);
  if (next === view.key) return;
  view.key = next;
  fillOrganisations(view, catalog);
  const select = $('catalog-role');
  const chosen = select.value;
  clear(select);
  for (const sector of sectors) {
    const group = el('optgroup', { attrs: { label: labels.sectors[sector] } });
    for (const role of roles().values()) {
      if (role.sector !== sector) continue;
      const text = role.hidden ? `${role.title} ${t('role_hidden_mark')}` : role.title;
      group.append(el('option', { text, attrs: { value: role.id } }));
    }
    select.append(group);
  }
  if (chosen) select.value = chosen;
  showPicked(view);
}

function showPicked(view) {
  const { t } = view;
  const role = view.roles().get($('catalog-role').value);
  $('catalog-hide').textContent = role && role.hidden ? t('role_show') : t('role_hide');
}

function wireRoleForms(view) {
  const { t, send, roles } = view;
  $('catalog-add-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const org = view.orgList[Number($('catalog-organisation').value)] || { sv: '', en: '' };
    const ack = await send('catalog.add_role', {
      title_sv: $('catalog-title-sv').value,
      title_en: $('catalog-title-en').value,
      sector: $('catalog-sector').value,
      organisation_sv: org.sv,
      organisation_en: org.en,
      explain_sv: $('catalog-explain-sv').value,
      explain_en: $('catalog-explain-en').value,
    }, $('catalog-add-error'));
    if (ack.ok) {
      event.target.reset();
      announce(t('role_added', { title: ack.role.title_sv }));
    }
  });
  $('catalog-change-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const ack = await send('catalog.rename_role', {
      role_id: $('catalog-role').value,
      title_sv: $('catalog-rename-sv').value,
      title_en: $('catalog-rename-en').value,
    }, $('catalog-change-error'));
    if (ack.ok) {
      $('catalog-rename-sv').value = '';
      $('catalog-rename-en').value = '';
      announce(t('role_renamed', { title: ack.role.title_sv }));
    }
  });
  $('catalog-hide').addEventListener('click', async () => {
    const role = roles().get($('catalog-role').value);
    if (!role) return;
    const ack = await send('catalog.hide_role', { role_id: role.id, hidden: !role.hidden }, $('catalog-change-error'));
    if (ack.ok) announce(ack.role.hidden ? t('role_hidden', { title: role.title }) : t('role_shown', { title: role.title }));
  });
}

function wireOrganisationForm(view) {
  const { t, send } = view;
  $('catalog-org-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const ack = await send('catalog.add_organisation', {
      sector: $('catalog-org-sector').value,
      name_sv: $('catalog-org-sv').value,
      name_en: $('catalog-org-en').value,
    }, $('catalog-org-error'));
    if (ack.ok) {
      $('catalog-org-sv').value = '';
      $('catalog-org-en').value = '';
      announce(t('organisation_added', { name: ack.organisation.name_sv }));
    }
  });
}
