// A workshop's own role catalogue: the browser's twin of the events in workshop/domain/catalog.py.
// The state holds only what differs from the project's default; the screens lay it over the
// default catalogue their page came with.

export const empty = {
  catalog: { roles: {}, organisations: {} },
};

function roleChanged(state, data) {
  state.catalog.roles[data.role.id] = data.role;
}

export const reducers = {
  'catalog.role_added': roleChanged,
  'catalog.role_renamed': roleChanged,
  'catalog.role_hidden': roleChanged,
  'catalog.organisation_added': (state, data) => {
    state.catalog.organisations[data.organisation.id] = data.organisation;
  },
  'catalog.imported': (state, data) => {
    state.catalog = { roles: data.roles, organisations: data.organisations };
  },
};
