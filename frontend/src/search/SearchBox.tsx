// The header's one search box. A plain GET form in spirit: the words go to the results page's
// address (/haku?q=…), so a search can be bookmarked, reloaded and gone back to.
import { useEffect, useId, useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router";
import { useMessages } from "../common/i18n";
import { SEARCH_PATH } from "../common/navigation";
import { searchMessages } from "./messages";
import "./search.css";

export function SearchBox() {
  const t = useMessages(searchMessages);
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const onResults = location.pathname === SEARCH_PATH;
  const asked = onResults ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  const [words, setWords] = useState(asked);

  // Going back to an earlier search (or away from the results) shows its words in the box.
  useEffect(() => setWords(asked), [asked]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = words.trim();
    if (!q) return;
    navigate(`${SEARCH_PATH}?${new URLSearchParams({ q }).toString()}`);
  }

  return (
    <form role="search" aria-label={t.searchRegion} className="header-search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t.searchLabel}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        value={words}
        onChange={(event) => setWords(event.target.value)}
        placeholder={t.searchPlaceholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
      />
      <button type="submit" className="button button-on-dark">
        {t.searchButton}
      </button>
    </form>
  );
}
