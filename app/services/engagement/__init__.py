"""Talking with citizens: chat, the assistant, complaints, ratings (好差评), WeChat message push."""
