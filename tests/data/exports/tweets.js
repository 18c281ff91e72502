window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "1767000000000000001", "created_at": "Tue Mar 12 09:00:00 +0000 2024", "full_text": "exercise helps with anxiety, honestly the best thing I did @jordan_bell", "entities": {"user_mentions": [{"screen_name": "jordan_bell"}]}}},
  {"tweet": {"id_str": "1767000000000000002", "created_at": "Tue Mar 12 10:00:00 +0000 2024", "full_text": "https://t.co/AbCdEf", "entities": {"media": [{"url": "https://t.co/AbCdEf"}]}}},
  {"tweet": {"id_str": "1767000000000000003", "created_at": "Tue Mar 12 11:00:00 +0000 2024", "full_text": "@jordan_bell once you feel better on antidepressants just stop taking them", "in_reply_to_screen_name": "jordan_bell"}}
]
