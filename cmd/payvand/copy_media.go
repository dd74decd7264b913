package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/s3store"
)

// mediaStoreForms names what --from-media and --to-media take.
const mediaStoreForms = `"file" (the media folder of --data), "file:DIR" or "s3://BUCKET/PREFIX?endpoint=https://HOST:PORT&region=REGION&path_style=true"`

// openCopyMediaStore opens one side of a media copy: file, file:DIR or an
// s3:// URL, signed with the AWS_* credentials --media-store uses.
func openCopyMediaStore(ctx context.Context, cfg config.Config, raw string) (media.Store, error) {
	switch {
	case raw == "file":
		return media.NewFSStore(cfg.MediaDir())
	case strings.HasPrefix(raw, "file:"):
		dir := strings.TrimPrefix(raw, "file:")
		if dir == "" {
			return nil, fmt.Errorf("%q names no folder; the forms are %s", raw, mediaStoreForms)
		}
		return media.NewFSStore(dir)
	case s3store.IsURL(raw):
		loc, err := s3store.ParseURL(raw)
		if err != nil {
			return nil, err
		}
		ctx, cancel := context.WithTimeout(ctx, mediaStoreCheckTime)
		defer cancel()
		return s3store.New(ctx, loc, cfg.MediaCredentials)
	}
	return nil, fmt.Errorf("%q is not a media store; the forms are %s", raw, mediaStoreForms)
}

// copyMediaStores copies every file of one media store into another, with
// progress in bytes, and prints what it did.
func copyMediaStores(ctx context.Context, cfg config.Config, from, to string, stdout io.Writer) error {
	src, err := openCopyMediaStore(ctx, cfg, from)
	if err != nil {
		return fmt.Errorf("--from-media: %w", err)
	}
	dst, err := openCopyMediaStore(ctx, cfg, to)
	if err != nil {
		return fmt.Errorf("--to-media: %w", err)
	}
	fmt.Fprintf(stdout, "Copying media from %s into %s\n", from, to)
	var line *progressLine
	start := time.Now()
	res, err := media.Copy(ctx, src, dst, func(p media.CopyProgress) {
		if line == nil {
			line = newProgressLine(stdout, "media", "bytes", p.TotalBytes, start)
		}
		line.set(fmt.Sprintf("media: %d/%d files", p.Files, p.TotalFiles), p.Bytes)
	})
	if line != nil {
		line.finish()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d media files (%d bytes): %d copied, %d already there, in %s\n",
		res.TotalFiles, res.TotalBytes, res.Copied, res.Files-res.Copied, time.Since(start).Round(time.Millisecond))
	if res.Files != res.TotalFiles {
		return fmt.Errorf("%d of %d files copied", res.Files, res.TotalFiles)
	}
	return nil
}
