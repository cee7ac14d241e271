import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useMe } from "../auth/session";
import { useApi } from "../common/ApiContext";
import { useLanguage, useMessages } from "../common/i18n";
import { PageHeading } from "../common/PageHeading";
import { useStaffNameOf } from "../common/staff";
import { employersApi } from "../employers/api";
import { ChartCard, type LoadState } from "./ChartCard";
import { breakdownsOf } from "./chartData";
import {
  ALL_CHARTS,
  breakdownView,
  CHARTS,
  hasBreakdown,
  MONITORING_CHARTS,
  type ChartContext,
  type ChartDefinition,
  type ChartId,
} from "./chartViews";
import { formatters, helsinkiToday } from "./format";
import { metricsMessages } from "./messages";
import { fetchIndicator, listIndicators, type Indicator, type IndicatorResult, type Period } from "./metricsApi";
import { calendarYear, PeriodPicker, validatePeriod } from "./PeriodPicker";
import "./metrics.css";

type Results = Record<ChartId, LoadState<IndicatorResult>>;

const ALL_LOADING = Object.fromEntries(ALL_CHARTS.map((chart) => [chart.id, { status: "loading" }])) as Results;

/** The period from the address (?from=&to=), else this calendar year up to today. */
function usePeriod(today: string): [Period, (period: Period) => void] {
  const [params, setParams] = useSearchParams();
  const t = useMessages(metricsMessages);
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const valid = Object.keys(validatePeriod(from, to, t)).length === 0;
  const fallback = calendarYear(Number(today.slice(0, 4)), today);
  const periodFrom = valid ? from : fallback.from;
  const periodTo = valid ? to : fallback.to;
  // One object per distinct period: loading depends on it, so a new object per render would loop.
  const period = useMemo(() => ({ from: periodFrom, to: periodTo }), [periodFrom, periodTo]);
  const setPeriod = useCallback((next: Period) => setParams({ from: next.from, to: next.to }), [setParams]);
  return [period, setPeriod];
}

export function MetricsPage() {
  const t = useMessages(metricsMessages);
  const { language } = useLanguage();
  const api = useApi();
  const me = useMe();
  const today = useMemo(() => helsinkiToday(), []);
  const [period, setPeriod] = usePeriod(today);
  const [indicators, setIndicators] = useState<LoadState<Indicator[]>>({ status: "loading" });
  const [results, setResults] = useState<Results>(ALL_LOADING);
  const [industries, setIndustries] = useState<ReadonlyMap<string, { label_fi: string; label_en: string }>>(new Map());
  const staffName = useStaffNameOf();
  const monitoringHeading = useId();

  const seesUnit = me.roles.includes("team_lead") || me.roles.includes("admin");
  const context: ChartContext = useMemo(
    () => ({
      t,
      f: formatters(language),
      language,
      staffName,
      industryName: (section) => {
        const names = industries.get(section);
        return names ? `${section} – ${language === "fi" ? names.label_fi : names.label_en}` : section;
      },
    }),
    [t, language, staffName, industries],
  );

  // The TOL sections' names come from the employers service; until they do (or if they cannot),
  // the employers chart names a section by its letter.
  useEffect(() => {
    let cancelled = false;
    employersApi.industries(api).then(
      (list) => !cancelled && setIndustries(new Map(list.items.map((item) => [item.section, item]))),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(() => {
    let cancelled = false;
    listIndicators(api).then(
      (list) => !cancelled && setIndicators({ status: "ok", data: list.items }),
      (error: unknown) => !cancelled && setIndicators({ status: "error", error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  // Answers for a period no longer shown are dropped, also those of a retry started earlier.
  const shownPeriod = useRef(period);
  shownPeriod.current = period;

  const load = useCallback(
    (ids: readonly ChartId[]) => {
      const asked = period;
      const current = () => shownPeriod.current.from === asked.from && shownPeriod.current.to === asked.to;
      setResults((previous) => {
        const next = { ...previous };
        for (const id of ids) next[id] = { status: "loading" };
        return next;
      });
      for (const chart of ALL_CHARTS.filter((candidate) => ids.includes(candidate.id))) {
        fetchIndicator(api, chart.query, asked).then(
          (data) => current() && setResults((previous) => ({ ...previous, [chart.id]: { status: "ok", data } })),
          (error: unknown) =>
            current() && setResults((previous) => ({ ...previous, [chart.id]: { status: "error", error } })),
        );
      }
    },
    [api, period],
  );

  useEffect(() => {
    load(ALL_CHARTS.map((chart) => chart.id));
  }, [load]);

  const states = Object.values(results);
  const loading = states.filter((state) => state.status === "loading").length;
  const failed = states.filter((state) => state.status === "error").length;
  // Every answer names when its data were read; the oldest is the honest one to show.
  const asOf = states
    .map((state) => (state.status === "ok" ? state.data.data_as_of : null))
    .filter((value): value is string => value !== null && value !== undefined)
    .sort()[0];
  const anyLoaded = states.some((state) => state.status === "ok");

  function indicatorOf(id: string): Indicator | null {
    return indicators.status === "ok" ? (indicators.data.find((item) => item.id === id) ?? null) : null;
  }


  function card(chart: ChartDefinition, headingLevel: 2 | 3) {
    const indicator = indicatorOf(chart.query.indicator);
    return (
      <ChartCard
        key={chart.id}
        title={chart.title(t)}
        caption={chart.caption(context, period)}
        query={chart.query}
        period={period}
        state={results[chart.id]}
        indicator={indicator}
        // A list without the indicator will not get its definition either (an older service).
        indicatorsFailed={indicators.status === "error" || (indicators.status === "ok" && indicator === null)}
        view={(result) => chart.view(result, context)}
        onRetry={() => load([chart.id])}
        headingLevel={headingLevel}
        breakdowns={indicator && hasBreakdown(chart.id) ? breakdownsOf(indicator.dimensions, chart.query.groupBy) : []}
        breakdownView={hasBreakdown(chart.id) ? (result, dimension) => breakdownView(chart.id, result, dimension, context) : undefined}
      />
    );
  }

  return (
    <div className="metrics-page">
      <PageHeading title={t.metricsTitle}>{t.metricsTitle}</PageHeading>
      <p className="lead">{seesUnit ? t.leadIntro : t.coordinatorIntro}</p>
      <p>{t.csvIntro}</p>
      <PeriodPicker period={period} today={today} onChange={setPeriod} />
      <div className="metrics-status">
        <p role="status">
          {loading > 0
            ? t.loadingChart
            : failed > 0
              ? `${t.loadFailed} (${failed}/${ALL_CHARTS.length})`
              : t.periodShown(context.f.date(period.from), context.f.date(period.to))}
        </p>
        {anyLoaded && <p>{asOf ? t.dataAsOf(context.f.dateTime(asOf)) : t.dataAsOfUnknown}</p>}
      </div>
      <div className="chart-grid">{CHARTS.map((chart) => card(chart, 2))}</div>
      {/* The monitoring plan's cards sit under its own h2, so their headings are h3. */}
      <section className="metrics-section" aria-labelledby={monitoringHeading}>
        <h2 id={monitoringHeading}>{t.monitoringTitle}</h2>
        <div className="chart-grid">{MONITORING_CHARTS.map((chart) => card(chart, 3))}</div>
      </section>
    </div>
  );
}
