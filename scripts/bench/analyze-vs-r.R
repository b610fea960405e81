# What an analyst would run in R on the same CSV the analyze CLI reads (scripts/bench/analyze-vs-r.ts):
# data.table::fread, then DESIGN.md "Scores and segments" — items scaled to 0..1, a construct score the
# mean of its answered items when at least half are answered, D = promo_decided yes and
# full_price_return below 0.5, scores rounded to 12 decimals before the thresholds (0.75), the first
# segment rule that holds — NPS with its standard error, and psych::alpha per multi-item construct on
# complete cases. Prints one JSON object, so the bench can check both tools agree.
#   Rscript scripts/bench/analyze-vs-r.R answers.csv
suppressPackageStartupMessages({
  library(data.table)
  library(psych)
})

args <- commandArgs(trailingOnly = TRUE)
d <- fread(args[[1]], na.strings = "", showProgress = FALSE)

constructs <- list(
  satisfaction = c("sat_overall", "sat_product", "sat_service", "sat_price"),
  emotional = c("recommend", "feel_loss", "speak_positively"),
  behavioural = c("repurchase", "share_of_wallet", "stay_vs_competitor"),
  loyalist_expectations = c("exp_fidelity", "exp_ownership", "exp_stability", "exp_consistency")
)
scaled <- function(column) {
  x <- as.numeric(d[[column]])
  if (column == "recommend") x / 10 else (x - 1) / 4
}
items <- lapply(constructs, function(columns) {
  m <- sapply(columns, scaled)
  colnames(m) <- columns
  m
})
score <- function(m) {
  answered <- rowSums(!is.na(m))
  s <- rowMeans(m, na.rm = TRUE)
  s[answered < ncol(m) / 2] <- NA
  round(s, 12)
}
S <- score(items$satisfaction)
E <- score(items$emotional)
B <- score(items$behavioural)
D <- !is.na(d$promo_decided) & d$promo_decided == "yes" & !is.na(d$full_price_return) & (d$full_price_return - 1) / 4 < 0.5
tau <- 0.75
segment <- fifelse(is.na(S) | is.na(E) | is.na(B), "unclassified",
  fifelse(E >= tau & B >= tau, "loyal",
    fifelse(D & E < tau, "price_hunter",
      fifelse(S >= tau, "satisfied_not_loyal",
        fifelse(B >= tau, "hostage", "defector")))))
counts <- table(factor(segment, levels = c("loyal", "price_hunter", "satisfied_not_loyal", "hostage", "defector", "unclassified")))

recommend <- d$recommend[!is.na(d$recommend)]
n <- length(recommend)
promoters <- mean(recommend >= 9)
detractors <- mean(recommend <= 6)
nps <- 100 * (promoters - detractors)
se <- 100 * sqrt((promoters + detractors - (promoters - detractors)^2) / n)

alpha <- sapply(items, function(m) {
  complete <- m[complete.cases(m), , drop = FALSE]
  # psych prints a note about response frequencies on stdout; keep stdout for the JSON line.
  invisible(capture.output(a <- psych::alpha(complete, check.keys = FALSE, warnings = FALSE)))
  a$total$raw_alpha
})

cat(sprintf(
  '{"n": %d, "segments": {%s}, "nps": %.12f, "npsStandardError": %.12f, "alpha": {%s}}\n',
  nrow(d),
  paste(sprintf('"%s": %d', names(counts), as.integer(counts)), collapse = ", "),
  nps, se,
  paste(sprintf('"%s": %.12f', names(alpha), alpha), collapse = ", ")
))
