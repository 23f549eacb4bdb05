"""The diplomatic lecture series with local universities: series, lectures, reports and photos."""
