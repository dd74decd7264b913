package main

import (
	"context"
	"fmt"
	"time"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/s3store"
)

// mediaStoreCheckTime bounds the start-up check of an S3 bucket, so that a
// wrong endpoint stops the start with a message instead of hanging it.
const mediaStoreCheckTime = 30 * time.Second

// openMediaStore opens the store --media-store names: the media folder of
// --data, or an S3 bucket, checked reachable before anything is served.
func openMediaStore(ctx context.Context, cfg config.Config) (media.Store, error) {
	if cfg.MediaS3 == nil {
		fsStore, err := media.NewFSStore(cfg.MediaDir())
		if err != nil {
			return nil, err
		}
		return fsStore, nil
	}
	ctx, cancel := context.WithTimeout(ctx, mediaStoreCheckTime)
	defer cancel()
	return s3store.New(ctx, *cfg.MediaS3, cfg.MediaCredentials)
}

// requireFileMedia refuses what a command (backup, restore) can only do
// with media files in --data: a bucket has its own tools for copies, which
// know its versions, permissions and size better than Payvand.
func requireFileMedia(cfg config.Config, command string) error {
	if cfg.MediaS3 == nil {
		return nil
	}
	loc := cfg.MediaS3
	where := "s3://" + loc.Bucket
	if loc.Prefix != "" {
		where += "/" + loc.Prefix
	}
	return fmt.Errorf("%s works on media files in --data only, and --media-store keeps them in %s; "+
		"copy the bucket with its own tools instead, such as `aws s3 sync %s DIR` or `mc mirror`, "+
		"and the database separately", command, where, where)
}
