// The list-page kit: URL state from the list's query schema, the filter bar, the table and the export.
// A new list page: define its query (defineListQuery) next to its API hooks, then useListQuery, FilterBar,
// ListTable and ListExportButton, with the FilterBar's fields from filter-fields.tsx (FilterSelect, FilterText,
// FilterYearSelect, FilterUnitSelect, FilterDateRange) — see docs/ARCHITECTURE.md "List pages".
export { FilterBar, ListFilterBar } from './filter-bar';
export {
  type DateRangeValue,
  dateRangeFilters,
  dateRangeValue,
  FilterDateRange,
  type FilterOption,
  FilterSelect,
  FilterText,
  FilterUnitSelect,
  FilterYearSelect,
  type UnitChoices,
  unitFilterLabels,
  yearsDown,
} from './filter-fields';
export { ListExportButton } from './list-export-button';
export {
  dateFilter,
  defineListQuery,
  type FilterKey,
  idFilter,
  LIST_PAGE_SIZES,
  type ListFilters,
  type ListQuery,
  type ListState,
  textFilter,
  yearFilter,
} from './list-query';
export {
  columnSortOrder,
  type FilterLabels,
  formatTotal,
  type ListResult,
  ListTable,
  listSummary,
  optionText,
} from './list-table';
export { type ListFiltersOf, type ListStateOf, type ListUrlState, useListQuery } from './use-list-query';
